package io.migratepages.e2e;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.migratepages.agent.AgentIdentity;
import io.migratepages.agent.NodeAgent;
import io.migratepages.agent.NodeMigrationReconciler;
import io.migratepages.agent.adapters.CgroupProcessResolver;
import io.migratepages.agent.adapters.EngineLocalNumaNodes;
import io.migratepages.agent.adapters.LazyNumaSyscalls;
import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.numanodes.NumaNodeUniverse;
import io.migratepages.testsupport.CgroupTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Kubernetes node of the simulated cluster: its fixture cgroup tree, its recording page migrator,
 * the engine's resolver of toNodes local on the node's fixture /proc and sysfs and, while started,
 * its node agent: the real {@link NodeMigrationReconciler} in a JOSDK operator of its own, watching
 * only NodeMigrations labelled with this node (as NODE_NAME does in the DaemonSet), reading this
 * node's cgroup tree with the real cgroup resolver.
 */
public final class SimulatedKubeNode implements AutoCloseable {
  /** Memory nodes of every simulated host. */
  public static final String HOST_NUMA_NODES = "0-3";

  private final String name;
  private final Path hostRoot;
  private final CgroupTree cgroups;
  private final RecordingPageMigrator migrator;
  private final AtomicInteger nextPid = new AtomicInteger(1000);
  private Operator agent;

  public SimulatedKubeNode(String name, Path base, CgroupTree.Driver driver) {
    this.name = name;
    this.hostRoot = base.resolve(name);
    this.cgroups = CgroupTree.kubelet(hostRoot, driver);
    this.migrator = new RecordingPageMigrator(name);
  }

  public String name() {
    return name;
  }

  /** The host's root: {@code sys/}, {@code proc/} (HostFixture writes there) and the cgroups. */
  public Path hostRoot() {
    return hostRoot;
  }

  public CgroupTree cgroups() {
    return cgroups;
  }

  public RecordingPageMigrator migrator() {
    return migrator;
  }

  public String agentName() {
    return "migratepages-agent-" + name;
  }

  /** Starts this node's agent with JOSDK's default operator settings. */
  public synchronized void startAgent(KubernetesClient client) {
    startAgent(client, o -> {});
  }

  /**
   * Starts this node's agent.
   *
   * @param settings JOSDK settings beyond the client, e.g. the reconciliation thread count
   */
  public synchronized void startAgent(
      KubernetesClient client,
      Consumer<io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider> settings) {
    if (agent != null) {
      throw new IllegalStateException("the agent of node " + name + " is already running");
    }
    AgentIdentity identity = new AgentIdentity(name, agentName());
    NodeMigrationReconciler reconciler =
        NodeAgent.builder(client, identity)
            .capabilities(AgentCapabilities.allPassed())
            .hostTopology(() -> NumaNodeUniverse.of(HOST_NUMA_NODES, HOST_NUMA_NODES))
            .processResolver(new CgroupProcessResolver(cgroups.cgroupRoot(), cgroups.procRoot()))
            // the real resolver, on the files a test writes under hostRoot (HostFixture); it
            // makes no syscall, so the lazy syscalls are never loaded
            .localNumaNodes(
                new EngineLocalNumaNodes(
                    new MigrationEngine(new HostPaths(hostRoot), LazyNumaSyscalls.jna())))
            .pageMigrator(migrator)
            .build();
    Operator operator =
        new Operator(
            o -> {
              o.withKubernetesClient(client).withCloseClientOnStop(false);
              settings.accept(o);
            });
    NodeAgent.register(operator, reconciler, identity);
    operator.start();
    agent = operator;
  }

  public synchronized void stopAgent() {
    if (agent != null) {
      agent.stop();
      agent = null;
    }
  }

  /** Starts describing a Running pod scheduled to this node. */
  public PodRequest pod(String namespace, String podName) {
    return new PodRequest(namespace, podName);
  }

  /** Deletes the pod from the API server and its cgroups and processes from this node. */
  public void deletePod(KubernetesClient client, SimulatedPod pod) {
    // no kubelet here to confirm a graceful termination
    client.pods().inNamespace(pod.namespace()).withName(pod.name()).withGracePeriod(0).delete();
    cgroups.removePod(
        pod.uid(), pod.qosClass(), pod.pids().stream().mapToInt(Integer::intValue).toArray());
  }

  @Override
  public void close() {
    stopAgent();
  }

  /** A pod to be started on this node. */
  public final class PodRequest {
    private final String namespace;
    private final String podName;
    private final Map<String, String> labels = new LinkedHashMap<>();
    private final Map<String, List<Long>> containers = new LinkedHashMap<>();
    private String qosClass = "Burstable";

    private PodRequest(String namespace, String podName) {
      this.namespace = namespace;
      this.podName = podName;
    }

    public PodRequest label(String key, String value) {
      labels.put(key, value);
      return this;
    }

    public PodRequest labels(Map<String, String> more) {
      labels.putAll(more);
      return this;
    }

    public PodRequest qos(String qos) {
      resourcesOf(qos);
      this.qosClass = qos;
      return this;
    }

    /** A container with one process per entry, each holding that many bytes. */
    public PodRequest container(String containerName, long... bytesPerProcess) {
      List<Long> bytes = new ArrayList<>();
      for (long b : bytesPerProcess) {
        bytes.add(b);
      }
      containers.put(containerName, bytes);
      return this;
    }

    /**
     * Creates the Pod (Running, scheduled here, every container running) in the API server, then
     * its cgroups and processes on the node under the UID the API server gave it.
     */
    public SimulatedPod run(KubernetesClient client) {
      if (containers.isEmpty()) {
        container("app", RecordingPageMigrator.DEFAULT_BYTES);
      }
      List<SimulatedPod.Container> planned = new ArrayList<>();
      containers.forEach(
          (container, bytes) -> {
            List<Integer> pids = new ArrayList<>();
            for (int i = 0; i < bytes.size(); i++) {
              pids.add(nextPid.getAndIncrement());
            }
            planned.add(
                new SimulatedPod.Container(
                    container, containerId(namespace, podName, container), pids, bytes));
          });
      Pod created = client.resource(toPod(planned)).create();
      // as a kubelet reports it: a real API server takes the status only through its subresource
      created.setStatus(running(planned));
      String qosOfServer = client.pods().resource(created).updateStatus().getStatus().getQosClass();
      if (!qosClass.equals(qosOfServer)) {
        throw new IllegalStateException(
            "the API server gave pod "
                + namespace
                + "/"
                + podName
                + " QoS class "
                + qosOfServer
                + ", not the "
                + qosClass
                + " its cgroups are laid out for");
      }
      SimulatedPod pod =
          new SimulatedPod(
              namespace, podName, created.getMetadata().getUid(), qosClass, name, planned);
      for (SimulatedPod.Container c : planned) {
        cgroups.container(
            pod.uid(),
            qosClass,
            c.containerId(),
            c.pids().stream().mapToInt(Integer::intValue).toArray());
        for (int i = 0; i < c.pids().size(); i++) {
          migrator.resident(c.pids().get(i), c.bytes().get(i));
        }
      }
      return pod;
    }

    private PodStatus running(List<SimulatedPod.Container> planned) {
      List<ContainerStatus> statuses =
          planned.stream()
              .map(
                  c ->
                      new ContainerStatusBuilder()
                          .withName(c.name())
                          .withContainerID("containerd://" + c.containerId())
                          .withReady(true)
                          .withNewState()
                          .withNewRunning()
                          .withStartedAt("2026-11-01T00:00:00Z")
                          .endRunning()
                          .endState()
                          .build())
              .toList();
      return new PodStatusBuilder()
          .withPhase("Running")
          .withQosClass(qosClass)
          .withContainerStatuses(statuses)
          .build();
    }

    private Pod toPod(List<SimulatedPod.Container> planned) {
      return new PodBuilder()
          .withNewMetadata()
          .withNamespace(namespace)
          .withName(podName)
          .withLabels(labels)
          .endMetadata()
          .withNewSpec()
          .withNodeName(name)
          .withContainers(
              planned.stream()
                  .map(
                      c ->
                          new ContainerBuilder()
                              .withName(c.name())
                              .withImage("app:1")
                              .withResources(resourcesOf(qosClass))
                              .build())
                  .toList())
          .endSpec()
          .build();
    }
  }

  /**
   * Resources that make a real API server compute this QoS class (it sets status.qosClass itself
   * and keeps it).
   */
  static ResourceRequirements resourcesOf(String qosClass) {
    Map<String, Quantity> some =
        Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi"));
    return switch (qosClass) {
      case "Guaranteed" ->
          new ResourceRequirementsBuilder().withRequests(some).withLimits(some).build();
      case "Burstable" -> new ResourceRequirementsBuilder().withRequests(some).build();
      case "BestEffort" -> new ResourceRequirementsBuilder().build();
      default ->
          throw new IllegalArgumentException(
              "qos: " + qosClass + " is none of Guaranteed, Burstable, BestEffort");
    };
  }

  private String containerId(String namespace, String podName, String container) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(
                  (name + "/" + namespace + "/" + podName + "/" + container)
                      .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
