package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.migratepages.api.format.ByteRates;
import io.migratepages.api.format.PauseDurations;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.LabelSyntax;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.numanodes.NumaNodeSpec.Role;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Checks what the CRD schema cannot (or what an API server without the schema let through): one
 * target, node-spec syntax (toNodes {@code local} passes through to the node agents, which resolve
 * it per process), container names, selector operators. Each problem names its field and what would
 * be valid.
 */
public class SpecValidator {
  private static final Set<String> SET_OPERATORS = Set.of("In", "NotIn");
  private static final Set<String> EXISTENCE_OPERATORS = Set.of("Exists", "DoesNotExist");

  /** The problems found; empty when the spec is valid. */
  public List<String> validate(NumaMigrationSpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec: required; set podName or selector, and toNodes");
      return problems;
    }
    checkTarget(spec, problems);
    checkNodeSpec("spec.fromNodes", fromNodesOf(spec), Role.SOURCE, problems);
    if (spec.getToNodes() == null || spec.getToNodes().isBlank()) {
      problems.add(
          "spec.toNodes: required; valid forms: "
              + NumaNodeSpec.VALID_FORMS
              + ", or "
              + NumaNodeSpec.LOCAL);
    } else {
      // local passes through: only the node agent can resolve it, per process
      checkNodeSpec("spec.toNodes", spec.getToNodes(), Role.DESTINATION, problems);
    }
    checkContainers(spec.getContainers(), problems);
    checkMoveMode(spec, problems);
    return problems;
  }

  /** spec.fromNodes with its default applied. */
  public static String fromNodesOf(NumaMigrationSpec spec) {
    String from = spec.getFromNodes();
    return from == null || from.isBlank() ? "all" : from;
  }

  private static void checkTarget(NumaMigrationSpec spec, List<String> problems) {
    boolean hasName = spec.getPodName() != null && !spec.getPodName().isBlank();
    boolean hasSelector = spec.getSelector() != null;
    if (hasName == hasSelector) {
      problems.add(
          "spec: exactly one of podName or selector must be set ("
              + (hasName ? "both are" : "neither is")
              + ")");
    }
    if (hasSelector) {
      checkSelector(spec.getSelector(), problems);
    }
  }

  /** Problems of spec.selector: label syntax and operators. */
  public static void checkSelector(LabelSelector selector, List<String> problems) {
    if (selector.getMatchLabels() != null) {
      selector
          .getMatchLabels()
          .forEach(
              (key, value) -> {
                String field = "spec.selector.matchLabels";
                addIfPresent(problems, field, LabelSyntax.problemWithKey(key));
                addIfPresent(problems, field + "." + key, LabelSyntax.problemWithValue(value));
              });
    }
    List<LabelSelectorRequirement> expressions = selector.getMatchExpressions();
    if (expressions == null) {
      return;
    }
    for (int i = 0; i < expressions.size(); i++) {
      LabelSelectorRequirement r = expressions.get(i);
      String field = "spec.selector.matchExpressions[" + i + "]";
      String operator = r.getOperator();
      boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
      if (r.getKey() == null || r.getKey().isBlank()) {
        problems.add(field + ".key: required");
      } else {
        addIfPresent(problems, field + ".key", LabelSyntax.problemWithKey(r.getKey()));
      }
      if (r.getValues() != null) {
        for (int v = 0; v < r.getValues().size(); v++) {
          addIfPresent(
              problems,
              field + ".values[" + v + "]",
              LabelSyntax.problemWithValue(r.getValues().get(v)));
        }
      }
      if (SET_OPERATORS.contains(operator)) {
        if (!hasValues) {
          problems.add(field + ".values: operator " + operator + " needs at least one value");
        }
      } else if (EXISTENCE_OPERATORS.contains(operator)) {
        if (hasValues) {
          problems.add(field + ".values: operator " + operator + " takes no values");
        }
      } else {
        problems.add(
            field + ".operator: '" + operator + "' is not one of In, NotIn, Exists, DoesNotExist");
      }
    }
  }

  private static void addIfPresent(List<String> problems, String field, String problem) {
    if (problem != null) {
      problems.add(field + ": " + problem);
    }
  }

  private static void checkNodeSpec(String field, String text, Role role, List<String> problems) {
    try {
      NumaNodeSpec spec = NumaNodeSpec.parse(text, field);
      if (spec.isLocal() && role == Role.SOURCE) {
        problems.add(
            field
                + ": \"local\" names destinations only (the NUMA nodes of each process's CPUs);"
                + " valid here: "
                + NumaNodeSpec.VALID_FORMS);
      }
    } catch (InvalidNumaNodeSpecException e) {
      problems.add(e.getMessage());
    }
  }

  private static void checkMoveMode(NumaMigrationSpec spec, List<String> problems) {
    boolean bounded = spec.getMode() == MoveMode.Bounded;
    if (!bounded && (spec.getMaxPausePerCall() != null || spec.getRateLimit() != null)) {
      problems.add(ApiGroup.BOUNDED_ONLY);
    }
    if (spec.getMaxPausePerCall() != null) {
      try {
        PauseDurations.parse(spec.getMaxPausePerCall());
      } catch (IllegalArgumentException e) {
        problems.add("spec.maxPausePerCall: " + e.getMessage());
      }
    }
    if (spec.getRateLimit() != null) {
      try {
        ByteRates.parse(spec.getRateLimit());
      } catch (IllegalArgumentException e) {
        problems.add("spec.rateLimit: " + e.getMessage());
      }
    }
  }

  /** Problems of spec.containers. */
  public static void checkContainers(List<String> containers, List<String> problems) {
    if (containers == null) {
      return;
    }
    for (int i = 0; i < containers.size(); i++) {
      String name = containers.get(i);
      if (name == null || name.isBlank()) {
        problems.add("spec.containers[" + i + "]: empty container name");
      }
    }
  }
}
