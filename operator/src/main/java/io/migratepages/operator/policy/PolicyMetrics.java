package io.migratepages.operator.policy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import java.util.Collection;
import java.util.List;

/**
 * Prometheus metrics per policy: {@code migratepages_policy_actions_total}, {@code
 * migratepages_policy_bytes_moved_total} (counted when an action's NumaMigration ends) and {@code
 * migratepages_policy_pods_off_target} (from every policy's status; a deleted policy's row goes
 * with the next reconciliation of any policy).
 */
public class PolicyMetrics {
  static final String ACTIONS = "migratepages.policy.actions";
  static final String BYTES_MOVED = "migratepages.policy.bytes.moved";
  static final String PODS_OFF_TARGET = "migratepages.policy.pods.off.target";

  private final MeterRegistry registry;
  private final MultiGauge podsOffTarget;

  public PolicyMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.podsOffTarget =
        MultiGauge.builder(PODS_OFF_TARGET)
            .description("Pods a NumaPlacementPolicy found off target at its last evaluation")
            .register(registry);
  }

  public void acted(NumaPlacementPolicy policy, int actions) {
    if (actions > 0) {
      counter(ACTIONS, "NumaMigrations created by a NumaPlacementPolicy", policy)
          .increment(actions);
    }
  }

  public void moved(NumaPlacementPolicy policy, long bytes) {
    counter(BYTES_MOVED, "Bytes moved by the NumaMigrations of a NumaPlacementPolicy", policy)
        .increment(bytes);
  }

  /** Replaces the gauge's rows with these policies' status.podsOffTarget. */
  public void offTarget(Collection<NumaPlacementPolicy> policies) {
    List<MultiGauge.Row<?>> rows =
        policies.stream()
            .filter(p -> p.getStatus() != null && p.getStatus().getPodsOffTarget() != null)
            .<MultiGauge.Row<?>>map(
                p -> MultiGauge.Row.of(tags(p), p.getStatus().getPodsOffTarget()))
            .toList();
    podsOffTarget.register(rows, true);
  }

  private Counter counter(String name, String description, NumaPlacementPolicy policy) {
    return Counter.builder(name).description(description).tags(tags(policy)).register(registry);
  }

  private static Tags tags(NumaPlacementPolicy policy) {
    return Tags.of(
        "namespace", policy.getMetadata().getNamespace(), "policy", policy.getMetadata().getName());
  }
}
