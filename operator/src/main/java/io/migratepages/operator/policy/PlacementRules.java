package io.migratepages.operator.policy;

import io.migratepages.api.format.IntervalDurations;
import io.migratepages.api.v1alpha1.NumaPlacementPolicySpec;
import io.migratepages.api.v1alpha1.PlacementThreshold;
import io.migratepages.numanodes.NumaNodeSpec;
import java.time.Duration;
import java.util.List;

/**
 * A policy's spec, parsed and with its defaults applied: what the evaluation needs. Built only from
 * a spec {@link PolicySpecValidator} found valid.
 *
 * @param offTargetPercent act above this share, or null
 * @param offTargetBytes act above this many bytes, or null
 * @param containers the containers judged; empty means all
 */
public record PlacementRules(
    NumaNodeSpec target,
    Integer offTargetPercent,
    Long offTargetBytes,
    List<String> containers,
    Duration checkInterval,
    Duration cooldown,
    int maxPodsMovingPerNode) {

  private static final long MIB = 1L << 20;

  public static PlacementRules of(NumaPlacementPolicySpec spec) {
    PlacementThreshold threshold = spec.getThreshold();
    Integer percent;
    Long bytes;
    if (threshold == null) {
      percent = PlacementThreshold.DEFAULT_PERCENT;
      bytes = null;
    } else {
      percent = threshold.getOffTargetPercent();
      bytes = threshold.getOffTargetMiB() == null ? null : threshold.getOffTargetMiB() * MIB;
    }
    return new PlacementRules(
        NumaNodeSpec.parse(targetOf(spec), NumaNodeSpec.Role.DESTINATION),
        percent,
        bytes,
        spec.getContainers() == null ? List.of() : List.copyOf(spec.getContainers()),
        IntervalDurations.parse(
            or(spec.getCheckInterval(), NumaPlacementPolicySpec.DEFAULT_CHECK_INTERVAL)),
        IntervalDurations.parse(or(spec.getCooldown(), NumaPlacementPolicySpec.DEFAULT_COOLDOWN)),
        spec.getMaxPodsMovingPerNode() == null
            ? NumaPlacementPolicySpec.DEFAULT_MAX_PODS_MOVING_PER_NODE
            : spec.getMaxPodsMovingPerNode());
  }

  /** spec.target with its default applied. */
  public static String targetOf(NumaPlacementPolicySpec spec) {
    return or(spec.getTarget(), NumaNodeSpec.LOCAL);
  }

  /** Whether this much off target (of that total) calls for a move. */
  public boolean exceeded(long offTarget, long total) {
    if (offTarget <= 0) {
      return false;
    }
    boolean byShare =
        offTargetPercent != null && offTarget * 100.0 > offTargetPercent * (double) total;
    boolean byAmount = offTargetBytes != null && offTarget > offTargetBytes;
    return byShare || byAmount;
  }

  public boolean judges(String container) {
    return containers.isEmpty() || containers.contains(container);
  }

  private static String or(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value.strip();
  }
}
