package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.ValidationRule;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** When a container's memory counts as off target: more than a share, or more than an amount. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "has(self.offTargetPercent) || has(self.offTargetMiB)",
    message = "spec.threshold needs offTargetPercent, offTargetMiB or both")
public class PlacementThreshold {
  /** Used when the policy sets no threshold. */
  public static final int DEFAULT_PERCENT = 10;

  public static final long MAX_MIB = 1L << 30;

  @JsonPropertyDescription(
      "Act when more than this percentage (0 to 99) of a container's memory is off target.")
  @Min(0)
  @Max(99)
  private Integer offTargetPercent;

  @JsonPropertyDescription(
      "Act when more than this many MiB (0 to 1073741824) of a container's memory are off"
          + " target.")
  @Min(0)
  @Max(MAX_MIB)
  private Long offTargetMiB;
}
