package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Map;

/**
 * What the kubelet (and the scheduler) would write to the API for the demo: the Node, the Pod bound
 * to it, and, once the container really runs in the VM, the Pod's Running status with its
 * containerd container ID. The container itself is started by the node (src/demo/vm/demo-node.sh).
 */
public final class SimulatedKubelet {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final KubernetesClient client;
  private final String nodeName;

  public SimulatedKubelet(KubernetesClient client, String nodeName) {
    this.client = client;
    this.nodeName = nodeName;
  }

  public Node registerNode() {
    Node node =
        new NodeBuilder()
            .withNewMetadata()
            .withName(nodeName)
            .withLabels(
                Map.of(
                    "kubernetes.io/hostname", nodeName,
                    "kubernetes.io/os", "linux",
                    "kubernetes.io/arch", "amd64"))
            .endMetadata()
            .withNewStatus()
            .addNewCondition()
            .withType("Ready")
            .withStatus("True")
            .withReason("KubeletReady")
            .withMessage("demo kubelet is posting ready status")
            .withLastTransitionTime(now())
            .endCondition()
            .addNewAddress()
            .withType("InternalIP")
            .withAddress("10.0.2.15")
            .endAddress()
            .withNewNodeInfo()
            .withContainerRuntimeVersion("containerd://demo")
            .withKubeletVersion("demo")
            .withOperatingSystem("linux")
            .withArchitecture("amd64")
            .endNodeInfo()
            .endStatus()
            .build();
    return client.nodes().resource(node).create();
  }

  /**
   * A Guaranteed pod (requests = limits) scheduled on this node, not yet running. The API server
   * gives it its uid.
   */
  public Pod schedulePod(String namespace, String name, String container, long memoryMiB) {
    Map<String, Quantity> resources =
        Map.of("cpu", new Quantity("500m"), "memory", new Quantity((memoryMiB + 64) + "Mi"));
    Pod pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(Map.of("app", name))
            .endMetadata()
            .withNewSpec()
            .withNodeName(nodeName)
            .addNewContainer()
            .withName(container)
            .withImage("registry.example/memhog:demo")
            .withArgs(Long.toString(memoryMiB))
            .withNewResources()
            .withRequests(resources)
            .withLimits(resources)
            .endResources()
            .endContainer()
            .endSpec()
            .withNewStatus()
            .withPhase("Pending")
            .withQosClass("Guaranteed")
            .endStatus()
            .build();
    Pod created = client.pods().inNamespace(namespace).resource(pod).create();
    if (created.getMetadata().getUid() == null || created.getMetadata().getUid().isBlank()) {
      throw new DemoException("the API server gave pod " + namespace + "/" + name + " no uid");
    }
    return created;
  }

  /** A container ID as containerd makes them: 64 hex digits. */
  public static String newContainerId() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  /** The container runs: phase Running, Ready, and its containerd:// ID in containerStatuses. */
  public Pod reportRunning(Pod pod, String containerId) {
    String container = pod.getSpec().getContainers().get(0).getName();
    String started = now();
    Pod running =
        new PodBuilder(pod)
            .editStatus()
            .withPhase("Running")
            .withHostIP("10.0.2.15")
            .withPodIP("10.0.2.15")
            .withStartTime(started)
            .withConditions(
                condition("PodScheduled", started),
                condition("Initialized", started),
                condition("ContainersReady", started),
                condition("Ready", started))
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName(container)
                    .withImage(pod.getSpec().getContainers().get(0).getImage())
                    .withImageID("registry.example/memhog@sha256:" + newContainerId())
                    .withContainerID("containerd://" + containerId)
                    .withReady(true)
                    .withStarted(true)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt(started)
                    .endRunning()
                    .endState()
                    .build())
            .endStatus()
            .build();
    return client
        .pods()
        .inNamespace(pod.getMetadata().getNamespace())
        .resource(running)
        .updateStatus();
  }

  private static io.fabric8.kubernetes.api.model.PodCondition condition(String type, String time) {
    return new PodConditionBuilder()
        .withType(type)
        .withStatus("True")
        .withLastTransitionTime(time)
        .build();
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
