package io.migratepages.e2e;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What a kubelet does for its Node on a real API server, minus running pods: registers the Node
 * (Ready) and renews its Lease in {@code kube-node-lease}. Without a Node, the controller-manager's
 * pod GC deletes the pods bound to it; without the renewals, its node lifecycle controller marks
 * the Node NotReady after the grace period and then rewrites the status of every pod on it.
 */
public final class KubeletStandIn implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(KubeletStandIn.class.getName());
  private static final String LEASE_NAMESPACE = "kube-node-lease";
  private static final int LEASE_SECONDS = 40;
  private static final Duration RENEW_EVERY = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final Set<String> nodes = ConcurrentHashMap.newKeySet();
  private final ScheduledExecutorService renewals =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread thread = new Thread(r, "kubelet-stand-in");
            thread.setDaemon(true);
            return thread;
          });

  public KubeletStandIn(KubernetesClient client) {
    this.client = client;
    renewals.scheduleWithFixedDelay(
        this::renewAll, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** Registers the Node (kept if an earlier test registered it) and renews its Lease from now. */
  public void register(String node) {
    if (client.nodes().withName(node).get() == null) {
      client
          .nodes()
          .resource(
              new NodeBuilder()
                  .withNewMetadata()
                  .withName(node)
                  .addToLabels("kubernetes.io/hostname", node)
                  .endMetadata()
                  .build())
          .create();
    }
    // a merge patch without resourceVersion: the controller-manager writes the new Node too
    // (taints)
    client
        .nodes()
        .resource(
            new NodeBuilder()
                .withNewMetadata()
                .withName(node)
                .endMetadata()
                .withNewStatus()
                .withConditions(ready())
                .endStatus()
                .build())
        .patchStatus();
    renew(node);
    nodes.add(node);
  }

  private static NodeCondition ready() {
    String now = Instant.now().toString();
    return new NodeConditionBuilder()
        .withType("Ready")
        .withStatus("True")
        .withReason("KubeletReady")
        .withMessage("kubelet stand-in of the e2e tests")
        .withLastHeartbeatTime(now)
        .withLastTransitionTime(now)
        .build();
  }

  private void renewAll() {
    for (String node : List.copyOf(nodes)) {
      try {
        renew(node);
      } catch (KubernetesClientException e) {
        LOG.log(Level.WARNING, "cannot renew the Lease of node " + node, e);
      }
    }
  }

  private void renew(String node) {
    Lease lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withNamespace(LEASE_NAMESPACE)
            .withName(node)
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity(node)
            .withLeaseDurationSeconds(LEASE_SECONDS)
            .withRenewTime(ZonedDateTime.now(ZoneOffset.UTC))
            .endSpec()
            .build();
    client
        .leases()
        .inNamespace(LEASE_NAMESPACE)
        .resource(lease)
        .fieldManager("kubelet-stand-in")
        .forceConflicts()
        .serverSideApply();
  }

  @Override
  public void close() {
    renewals.shutdownNow();
  }
}
