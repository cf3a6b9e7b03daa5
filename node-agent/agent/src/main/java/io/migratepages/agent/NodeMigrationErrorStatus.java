package io.migratepages.agent;

import io.migratepages.api.format.ApiErrors;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Objects;

/**
 * The status a NodeMigration shows when running it fails with an error (an API error writing its
 * status, a bug): reason AgentError while the agent retries with back-off, and every unfinished pod
 * Failed with AgentError once the retries are spent, so the NumaMigration ends instead of hanging.
 */
final class NodeMigrationErrorStatus {
  private static final int MAX_MESSAGE = 640;

  private NodeMigrationErrorStatus() {}

  static NodeMigrationStatus retrying(
      NodeMigration work, String agent, Exception error, Instant now) {
    NodeMigrationStatus status = current(work, agent, now);
    status.setReason(PodReason.AgentError.name());
    status.setMessage("retrying with back-off: " + ApiErrors.describe(error, MAX_MESSAGE));
    return status;
  }

  static NodeMigrationStatus gaveUp(
      NodeMigration work, String agent, Exception error, Instant now) {
    NodeMigrationStatus status = current(work, agent, now);
    NodeMigrationStatuses.failAll(
        status,
        PodReason.AgentError,
        "gave up after retrying: " + ApiErrors.describe(error, MAX_MESSAGE),
        now);
    return status;
  }

  /** This generation's status as the agent left it, or a fresh "picked up" one. */
  private static NodeMigrationStatus current(NodeMigration work, String agent, Instant now) {
    NodeMigrationStatus status = work.getStatus();
    if (status == null
        || !Objects.equals(status.getObservedGeneration(), work.getMetadata().getGeneration())) {
      return NodeMigrationStatuses.pickedUp(work, agent, now);
    }
    // A fresh list: failAll replaces entries (never changes them), so the stored status stays as
    // is.
    return status.toBuilder().pods(new ArrayList<>(status.getPods())).build();
  }
}
