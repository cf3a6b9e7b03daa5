package io.migratepages.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import java.net.HttpURLConnection;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads NodeMigrations from the API server (never from the informer's cache, which may lag behind
 * our own writes) and replaces their status subresource, guarded by resourceVersion.
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
