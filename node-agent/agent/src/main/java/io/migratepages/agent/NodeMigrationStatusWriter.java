package io.migratepages.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Replaces NodeMigrations' status subresource, guarded by resourceVersion, and reads them from the
 * API server when a write conflicts: the informer's cache may lag behind our own writes, and a
 * guarded write is how a stale copy is found out.
 */
public final class NodeMigrationStatusWriter {
  private static final int ATTEMPTS = 5;

  private final KubernetesClient client;

  public NodeMigrationStatusWriter(KubernetesClient client) {
    this.client = client;
  }

  /** The NodeMigration as the API server has it now; empty when it was deleted. */
  public Optional<NodeMigration> latest(NodeMigration work) {
    return Optional.ofNullable(
        client
            .resources(NodeMigration.class)
            .inNamespace(work.getMetadata().getNamespace())
            .withName(work.getMetadata().getName())
            .get());
  }

  /** The pick-up write and the work it was made on. */
  public record PickedUp(NodeMigration work, NodeMigrationStatus status) {}

  /**
   * Writes the pick-up status onto the informer's copy, guarded by its resourceVersion: a write
   * that succeeds proves the copy was current, so no read goes first. On a conflict the fresh
   * object is read and both the decision and the status are made again from it.
   *
   * @param needsWork whether this agent still has work on a NodeMigration
   * @param pickedUp the pick-up status for a NodeMigration (it may resume an earlier run's)
   * @return empty when the fresh object needs no work (done, withdrawn, deleted)
   */
  public Optional<PickedUp> pickUp(
      NodeMigration cached,
      Predicate<NodeMigration> needsWork,
      Function<NodeMigration, NodeMigrationStatus> pickedUp) {
    NodeMigration target = cached;
    for (int attempt = 1; ; attempt++) {
      NodeMigrationStatus status = pickedUp.apply(target);
      target.setStatus(status);
      try {
        return Optional.of(new PickedUp(client.resource(target).updateStatus(), status));
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          return Optional.empty();
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw e;
        }
      }
      Optional<NodeMigration> fresh = latest(cached).filter(needsWork);
      if (fresh.isEmpty()) {
        return Optional.empty();
      }
      target = fresh.get();
    }
  }

  /**
   * Writes {@code status} onto {@code current} (the version last read or written) and returns the
   * stored object. A conflict with someone else's write is retried on the fresh object, unless the
   * work itself changed under us.
   *
   * @throws WorkWithdrawnException when the NodeMigration was deleted, withdrawn by the operator
   *     (no agent picked it up in time) or got a new generation: the run must stop (a new
   *     generation arrives as a new event)
   */
  public NodeMigration write(NodeMigration current, NodeMigrationStatus status) {
    NodeMigration target = current;
    for (int attempt = 1; ; attempt++) {
      target.setStatus(status);
      try {
        return client.resource(target).updateStatus();
      } catch (KubernetesClientException e) {
        if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
          throw new WorkWithdrawnException(describe(current) + " was deleted");
        }
        if (e.getCode() != HttpURLConnection.HTTP_CONFLICT || attempt == ATTEMPTS) {
          throw e;
        }
      }
      NodeMigration fresh =
          latest(current)
              .orElseThrow(() -> new WorkWithdrawnException(describe(current) + " was deleted"));
      if (NodeMigrationAnnotations.isWithdrawn(fresh)) {
        throw new WorkWithdrawnException(
            describe(current)
                + " was withdrawn by the operator at "
                + NodeMigrationAnnotations.withdrawnAt(fresh).orElseThrow()
                + " before this agent picked it up");
      }
      if (!Objects.equals(
          fresh.getMetadata().getGeneration(), current.getMetadata().getGeneration())) {
        throw new WorkWithdrawnException(
            describe(current)
                + " changed to generation "
                + fresh.getMetadata().getGeneration()
                + " while generation "
                + current.getMetadata().getGeneration()
                + " ran");
      }
      target = fresh;
    }
  }

  static String describe(NodeMigration work) {
    return "NodeMigration "
        + work.getMetadata().getNamespace()
        + "/"
        + work.getMetadata().getName();
  }

  /** The NodeMigration being worked on was deleted, withdrawn or replaced by a newer generation. */
  public static final class WorkWithdrawnException extends RuntimeException {
    public WorkWithdrawnException(String message) {
      super(message);
    }
  }
}
