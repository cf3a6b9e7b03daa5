package io.migratepages.operator;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.net.HttpURLConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists what a reconciliation decided, and puts it into JOSDK's caches at once so the next
 * reconciliation starts from it even if the watch event has not arrived yet.
 */
public class NumaMigrationStatusRecorder {
  private static final Logger LOG = LoggerFactory.getLogger(NumaMigrationStatusRecorder.class);

  /**
   * Replaces the status with optimistic locking on the version this reconciliation read. The status
   * is how the operator remembers which generation it started; a write from a stale copy could
   * start a run twice, so it is refused (false) instead, and the caller looks again later.
   */
  public boolean write(
      NumaMigration migration, NumaMigrationStatus status, Context<NumaMigration> context) {
    migration.setStatus(status);
    try {
      NumaMigration written = context.getClient().resource(migration).updateStatus();
      context
          .eventSourceRetriever()
          .getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(migration), written, migration);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        LOG.debug(
            "NumaMigration {}/{} changed since it was read; reconciling again",
            migration.getMetadata().getNamespace(),
            migration.getMetadata().getName());
        return false;
      }
      throw e;
    }
  }

  /** The NodeMigrations a dispatch created or rewrote. */
  public void rememberDispatch(
      NumaMigration migration,
      Context<NumaMigration> context,
      NodeMigrationDispatcher.Dispatch dispatch) {
    informer(context)
        .ifPresent(
            informer -> {
              ResourceID primary = ResourceID.fromResource(migration);
              dispatch.created().forEach(n -> informer.handleRecentResourceCreate(primary, n));
              dispatch
                  .updated()
                  .forEach(
                      u -> informer.handleRecentResourceUpdate(primary, u.written(), u.previous()));
            });
  }

  /** A NodeMigration rewritten outside a dispatch (e.g. withdrawn). */
  public void rememberUpdate(
      NumaMigration migration,
      Context<NumaMigration> context,
      NodeMigration previous,
      NodeMigration written) {
    informer(context)
        .ifPresent(
            informer ->
                informer.handleRecentResourceUpdate(
                    ResourceID.fromResource(migration), written, previous));
  }

  @SuppressWarnings("unchecked")
  private static java.util.Optional<InformerEventSource<NodeMigration, NumaMigration>> informer(
      Context<NumaMigration> context) {
    if (context.eventSourceRetriever().getEventSourceFor(NodeMigration.class)
        instanceof InformerEventSource<?, ?> source) {
      return java.util.Optional.of((InformerEventSource<NodeMigration, NumaMigration>) source);
    }
    return java.util.Optional.empty();
  }
}
