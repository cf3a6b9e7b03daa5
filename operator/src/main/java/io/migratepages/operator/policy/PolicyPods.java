package io.migratepages.operator.policy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import java.util.List;

/** The running pods a policy's selector matches, in the policy's own namespace only. */
public class PolicyPods {
  private final KubernetesClient client;

  public PolicyPods(KubernetesClient client) {
    this.client = client;
  }

  public List<WatchedPod> of(NumaPlacementPolicy policy) {
    return client
        .pods()
        .inNamespace(policy.getMetadata().getNamespace())
        .withLabelSelector(policy.getSpec().getSelector())
        .list()
        .getItems()
        .stream()
        .filter(PolicyPods::isRunning)
        .map(
            p ->
                new WatchedPod(
                    p.getMetadata().getName(), p.getMetadata().getUid(), p.getSpec().getNodeName()))
        .toList();
  }

  private static boolean isRunning(Pod pod) {
    return pod.getMetadata().getDeletionTimestamp() == null
        && pod.getSpec() != null
        && pod.getSpec().getNodeName() != null
        && !pod.getSpec().getNodeName().isBlank()
        && pod.getStatus() != null
        && "Running".equals(pod.getStatus().getPhase());
  }
}
