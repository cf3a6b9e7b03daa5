package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;
import java.util.Map;

/**
 * The schema of {@code spec.selector} (a Kubernetes LabelSelector, in Java Fabric8's {@code
 * LabelSelector}), tightened for admission: not empty, known operators, values exactly where the
 * operator needs them, bounded sizes. Only the CRD generator reads this class.
 */
@ValidationRule(
    value =
        "(has(self.matchLabels) && size(self.matchLabels) > 0)"
            + " || (has(self.matchExpressions) && size(self.matchExpressions) > 0)",
    message =
        "must have at least one matchLabels or matchExpressions entry: an empty selector would"
            + " match every pod of the namespace")
public final class PodSelectorSchema {
  /** Most labels or expressions a selector may list. */
  public static final int MAX_TERMS = 32;

  private PodSelectorSchema() {}

  @JsonPropertyDescription("Labels the pods must carry, all of them (key: value).")
  @Size(max = MAX_TERMS)
  @ValidationRule(
      value =
          "self.all(k, size(k) <= "
              + LabelSyntax.MAX_KEY_LENGTH
              + " && k.matches('"
              + LabelSyntax.KEY_PATTERN
              + "'))",
      message = "keys must be label keys: " + LabelSyntax.VALID_KEY)
  public Map<
          String,
          @Size(max = LabelSyntax.MAX_VALUE_LENGTH) @Pattern(LabelSyntax.VALUE_PATTERN) String>
      matchLabels;

  @JsonPropertyDescription("Label requirements the pods must meet, all of them.")
  @Size(max = MAX_TERMS)
  public List<Requirement> matchExpressions;

  /** One label requirement. */
  @ValidationRule(
      value = "(self.operator in ['In', 'NotIn']) == (has(self.values) && size(self.values) > 0)",
      message = "In and NotIn need at least one value; Exists and DoesNotExist take none",
      fieldPath = ".values")
  public static final class Requirement {
    private Requirement() {}

    @JsonPropertyDescription("The label key.")
    @Required
    @Size(min = 1, max = LabelSyntax.MAX_KEY_LENGTH)
    @Pattern(LabelSyntax.KEY_PATTERN)
    public String key;

    @JsonPropertyDescription("In, NotIn, Exists or DoesNotExist.")
    @Required
    public Operator operator;

    @JsonPropertyDescription("Label values: at least one for In and NotIn, none otherwise.")
    @Size(max = MAX_TERMS)
    public List<
            @Size(max = LabelSyntax.MAX_VALUE_LENGTH) @Pattern(LabelSyntax.VALUE_PATTERN) String>
        values;
  }

  /** The operators of a label requirement. */
  public enum Operator {
    In,
    NotIn,
    Exists,
    DoesNotExist
  }
}
