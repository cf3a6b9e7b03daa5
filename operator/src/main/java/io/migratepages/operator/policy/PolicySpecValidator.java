package io.migratepages.operator.policy;

import io.migratepages.api.format.ByteRates;
import io.migratepages.api.format.IntervalDurations;
import io.migratepages.api.format.PauseDurations;
import io.migratepages.api.v1alpha1.NumaPlacementPolicySpec;
import io.migratepages.api.v1alpha1.PlacementThreshold;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.operator.SpecValidator;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * Checks a policy's spec the way the CRD schema does (for an API server that let something through)
 * and what the schema cannot: node-spec grammar. Each problem names its field and what is valid.
 */
public class PolicySpecValidator {

  public List<String> validate(NumaPlacementPolicySpec spec) {
    List<String> problems = new ArrayList<>();
    if (spec == null) {
      problems.add("spec: required; set at least spec.selector");
      return problems;
    }
    if (spec.getSelector() == null
        || (isEmpty(spec.getSelector().getMatchLabels())
            && isEmpty(spec.getSelector().getMatchExpressions()))) {
      problems.add(
          "spec.selector: required, with at least one matchLabels or matchExpressions entry: an"
              + " empty selector would match every pod of the namespace");
    } else {
      SpecValidator.checkSelector(spec.getSelector(), problems);
    }
    SpecValidator.checkContainers(spec.getContainers(), problems);
    try {
      NumaNodeSpec.parse(PlacementRules.targetOf(spec), "spec.target");
    } catch (InvalidNumaNodeSpecException e) {
      problems.add(e.getMessage() + " (or local)");
    }
    checkThreshold(spec.getThreshold(), problems);
    check("spec.checkInterval", spec.getCheckInterval(), IntervalDurations::parse, problems);
    check("spec.cooldown", spec.getCooldown(), IntervalDurations::parse, problems);
    check("spec.maxPausePerCall", spec.getMaxPausePerCall(), PauseDurations::parse, problems);
    check("spec.rateLimit", spec.getRateLimit(), ByteRates::parse, problems);
    Integer cap = spec.getMaxPodsMovingPerNode();
    if (cap != null && (cap < 1 || cap > NumaPlacementPolicySpec.MAX_PODS_MOVING_PER_NODE)) {
      problems.add(
          "spec.maxPodsMovingPerNode: "
              + cap
              + " is out of range (valid: 1 to "
              + NumaPlacementPolicySpec.MAX_PODS_MOVING_PER_NODE
              + ")");
    }
    return problems;
  }

  private static void checkThreshold(PlacementThreshold threshold, List<String> problems) {
    if (threshold == null) {
      return;
    }
    Integer percent = threshold.getOffTargetPercent();
    Long mib = threshold.getOffTargetMiB();
    if (percent == null && mib == null) {
      problems.add("spec.threshold: needs offTargetPercent, offTargetMiB or both");
    }
    if (percent != null && (percent < 0 || percent > 99)) {
      problems.add(
          "spec.threshold.offTargetPercent: " + percent + " is out of range (valid: 0 to 99)");
    }
    if (mib != null && (mib < 0 || mib > PlacementThreshold.MAX_MIB)) {
      problems.add(
          "spec.threshold.offTargetMiB: "
              + mib
              + " is out of range (valid: 0 to "
              + PlacementThreshold.MAX_MIB
              + ")");
    }
  }

  private static void check(
      String field, String value, Function<String, ?> parser, List<String> problems) {
    if (value == null) {
      return;
    }
    try {
      parser.apply(value);
    } catch (IllegalArgumentException e) {
      problems.add(field + ": " + e.getMessage());
    }
  }

  private static boolean isEmpty(java.util.Collection<?> c) {
    return c == null || c.isEmpty();
  }

  private static boolean isEmpty(java.util.Map<?, ?> m) {
    return m == null || m.isEmpty();
  }
}
