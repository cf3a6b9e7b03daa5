package io.migratepages.operator;

import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * How long a NodeMigration may wait for its node agent, counted from its dispatched-at annotation.
 * An overdue NodeMigration is withdrawn by the operator before its pods are reported
 * AgentUnavailable, so that a late agent cannot run it after the outcome was decided.
 */
public final class AgentDeadline {
  private final Duration timeout;

  public AgentDeadline(Duration timeout) {
    this.timeout = timeout;
  }

  public Duration timeout() {
    return timeout;
  }

  public Instant of(NodeMigration work, Instant now) {
    return dispatchedAt(work).orElse(now).plus(timeout);
  }

  /** Neither picked up nor withdrawn, and past its deadline. */
  public boolean isOverdue(NodeMigration work, Instant now) {
    return !isPickedUp(work)
        && !NodeMigrationAnnotations.isWithdrawn(work)
        && !now.isBefore(of(work, now));
  }

  /** The agent took this generation's work: it wrote status.observedGeneration for it. */
  public static boolean isPickedUp(NodeMigration work) {
    NodeMigrationStatus status = work.getStatus();
    return status != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() == NodeMigrationDispatcher.generationOf(work);
  }

  static Optional<Instant> dispatchedAt(NodeMigration work) {
    Map<String, String> annotations = work.getMetadata().getAnnotations();
    Optional<Instant> annotated =
        annotations == null
            ? Optional.empty()
            : Timestamps.parse(annotations.get(NodeMigrationAnnotations.DISPATCHED_AT));
    return annotated.or(() -> Timestamps.parse(work.getMetadata().getCreationTimestamp()));
  }
}
