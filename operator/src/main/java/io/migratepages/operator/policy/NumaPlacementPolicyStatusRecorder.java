package io.migratepages.operator.policy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import java.net.HttpURLConnection;

/**
 * Persists a policy's status with optimistic locking, and puts what a reconciliation wrote into
 * JOSDK's caches at once, so the next reconciliation starts from it even before the watch event.
 */
public class NumaPlacementPolicyStatusRecorder {

  /**
   * Replaces the status on the version this reconciliation read; false when that copy was stale
   * (the caller looks again: the NumaMigrations it created are in its history by then) or gone
   * (deleted meanwhile: nothing left to record).
   */
  public boolean write(
      NumaPlacementPolicy policy,
      NumaPlacementPolicyStatus status,
      Context<NumaPlacementPolicy> context) {
    policy.setStatus(status);
    try {
      NumaPlacementPolicy written = context.getClient().resource(policy).updateStatus();
      context
          .eventSourceRetriever()
          .getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(policy), written, policy);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT
          || e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  /** A NumaMigration just created for the policy. */
  @SuppressWarnings("unchecked")
  public void rememberCreated(
      NumaPlacementPolicy policy, Context<NumaPlacementPolicy> context, NumaMigration created) {
    if (context.eventSourceRetriever().getEventSourceFor(NumaMigration.class)
        instanceof InformerEventSource<?, ?> source) {
      ((InformerEventSource<NumaMigration, NumaPlacementPolicy>) source)
          .handleRecentResourceCreate(ResourceID.fromResource(policy), created);
    }
  }
}
