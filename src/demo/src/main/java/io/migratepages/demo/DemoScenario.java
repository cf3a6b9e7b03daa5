package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;

/**
 * The demo, shared by bin/demo (DemoMain) and its CI test (DemoScenarioTest): a NumaMigration moves
 * a pod's memory from NUMA node 0 to node 1 on a real kernel.
 *
 * <p>Real: the operator and the node agent (the chart's apps), the kernel (a 2-node QEMU VM), the
 * container's cgroup and process, migrate_pages(2). Provided by the demo: the API server (Fabric8's
 * CRUD mock) and the kubelet (Node and Pod objects; the container is started in the VM).
 */
public final class DemoScenario {
  public static final String NODE = "demo-node";
  public static final String NAMESPACE = "default";
  public static final String POD = "demo-app";
  public static final String CONTAINER = "app";
  public static final String MIGRATION = "demo";
  public static final long MEMORY_MIB = 256;

  /** The operator labels each NodeMigration with its NumaMigration's name. */
  static final String MIGRATION_LABEL = "migratepages.io/numamigration";

  static final Duration OPERATOR_READY = Duration.ofSeconds(120);
  static final Duration CONTAINER_RUNNING = Duration.ofSeconds(240);
  static final Duration AGENT_READY = Duration.ofSeconds(240);
  static final Duration MIGRATION_DONE = Duration.ofSeconds(120);
  static final Duration NODE_FINISH = Duration.ofSeconds(60);

  private final ProjectLayout layout;
  private final Path runDir;
  private final Narrator narrator;
  private final Resources resources = new Resources();

  public DemoScenario(ProjectLayout layout, Path runDir, Narrator narrator) {
    this.layout = layout;
    this.runDir = runDir.toAbsolutePath().normalize();
    this.narrator = narrator;
  }

  public Path runDir() {
    return runDir;
  }

  /** Stops whatever still runs (the operator, the VM, the API server); safe from any thread. */
  public void abort() {
    resources.closeAll();
  }

  public DemoResult run() {
    Prerequisites.check(layout);
    try {
      Files.createDirectories(runDir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the run directory " + runDir, e);
    }
    ApiServerLog log = ApiServerLog.writeTo(runDir.resolve("api-server.log"));
    try {
      return runScenario();
    } finally {
      resources.closeAll();
      log.close();
    }
  }

  private DemoResult runScenario() {
    DemoApiServer api = resources.register(DemoApiServer.start(layout.crdFiles()));
    narrator.step(
        "Kubernetes API: Fabric8 mock server (CRUD mode) on %s, CRDs %s",
        api.url(), String.join(", ", api.customResourceNames()));
    SimulatedKubelet kubelet = new SimulatedKubelet(api.client(), NODE);
    kubelet.registerNode();
    narrator.step("kubelet (simulated): node %s registered", NODE);

    OperatorProcess operator =
        resources.register(
            OperatorProcess.start(layout, api.url(), runDir.resolve("operator.log")));
    narrator.step(
        "operator: %s on the host, log %s",
        layout.relative(layout.operatorJar()), layout.relative(operator.process().log()));
    NumaVmKubeNode node = resources.register(NumaVmKubeNode.boot(layout, runDir, api.port(), NODE));
    narrator.step(
        "node %s: booting a QEMU VM with 2 NUMA nodes; the node agent (%s) runs inside it,"
            + " API server at http://10.0.2.2:%d, log %s",
        NODE, layout.relative(layout.agentJar()), api.port(), layout.relative(node.agentLog()));

    Pod pod = kubelet.schedulePod(NAMESPACE, POD, CONTAINER, MEMORY_MIB);
    String podUid = pod.getMetadata().getUid();
    String containerId = SimulatedKubelet.newContainerId();
    node.runPod(podUid, containerId, CONTAINER, MEMORY_MIB);
    narrator.step("pod %s/%s (uid %s, Guaranteed) scheduled on %s", NAMESPACE, POD, podUid, NODE);

    operator.awaitReady(OPERATOR_READY);
    narrator.step("operator ready (leader election off: QUARKUS_PROFILE=demo)");

    NumaVmKubeNode.RunningContainer container = node.awaitContainer(CONTAINER_RUNNING);
    narrator.step(
        "node %s: container %s runs memhog, pid %d, %d MiB bound to NUMA node 0, in %s",
        NODE, CONTAINER, container.pid(), MEMORY_MIB, container.cgroup());
    kubelet.reportRunning(pod, containerId);
    narrator.step("kubelet (simulated): pod %s Running, containerd://%s", POD, containerId);

    node.awaitAgentReady(AGENT_READY);
    narrator.step("node agent ready on %s (watching NodeMigrations labelled for it)", NODE);

    ResourceDefinitionContext numaMigrations = api.customResource("NumaMigration");
    GenericKubernetesResource manifest = loadManifest(api);
    Resource<GenericKubernetesResource> migration =
        api.client()
            .genericKubernetesResources(numaMigrations)
            .inNamespace(NAMESPACE)
            .withName(manifest.getMetadata().getName());
    narrator.step(
        "kubectl apply -f %s; kubectl get numamigrations -w",
        layout.relative(layout.demoMigration()));
    MigrationWatch watch = resources.register(new MigrationWatch(migration, narrator));
    long applied = System.nanoTime();
    api.client()
        .genericKubernetesResources(numaMigrations)
        .inNamespace(NAMESPACE)
        .resource(manifest)
        .create();
    GenericKubernetesResource finished;
    try {
      finished =
          watch.awaitTerminal(
              MIGRATION_DONE,
              () -> {
                operator.checkAlive();
                node.checkAlive();
              });
    } catch (MigrationWatch.NotFinished e) {
      throw new DemoException(
          e.getMessage()
              + "\n--- operator log ("
              + operator.process().log()
              + "), last lines:\n"
              + operator.process().logTail(25)
              + "\n--- agent log ("
              + node.agentLog()
              + "), last lines:\n"
              + ChildProcess.tail(node.agentLog(), 25),
          e);
    }
    Duration migrationTime = Duration.ofNanos(System.nanoTime() - applied);
    watch.close();

    List<String> events = events(api, manifest.getMetadata().getName());
    List<GenericKubernetesResource> nodeMigrations =
        api.client()
            .genericKubernetesResources(api.customResource("NodeMigration"))
            .inNamespace(NAMESPACE)
            .withLabel(MIGRATION_LABEL, manifest.getMetadata().getName())
            .list()
            .getItems();
    String before = node.numaMapsBefore();
    String after = node.finish(NODE_FINISH);
    narrator.step("node %s: numa_maps of pid %d read again; VM powered off", NODE, container.pid());
    return new DemoResult(
        finished,
        nodeMigrations,
        watch.phasesSeen(),
        container.pid(),
        container.cgroup(),
        NumaMaps.parse(before),
        NumaMaps.parse(after),
        node.facts(),
        events,
        migrationTime,
        narrator.elapsed());
  }

  private GenericKubernetesResource loadManifest(DemoApiServer api) {
    try (InputStream in = Files.newInputStream(layout.demoMigration())) {
      GenericKubernetesResource manifest =
          api.client().getKubernetesSerialization().unmarshal(in, GenericKubernetesResource.class);
      if (!"NumaMigration".equals(manifest.getKind())
          || !POD.equals(manifest.get("spec", "podName"))) {
        throw new DemoException(
            layout.relative(layout.demoMigration())
                + " should be a NumaMigration of pod "
                + POD
                + ", found kind "
                + manifest.getKind()
                + " for pod "
                + manifest.get("spec", "podName"));
      }
      return manifest;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + layout.demoMigration(), e);
    }
  }

  private static List<String> events(DemoApiServer api, String migrationName) {
    return api.client().v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(e -> migrationName.equals(e.getInvolvedObject().getName()))
        .filter(e -> "NumaMigration".equals(e.getInvolvedObject().getKind()))
        .sorted(
            Comparator.comparing(
                (Event e) -> String.valueOf(e.getMetadata().getCreationTimestamp())))
        .map(DemoScenario::describe)
        .toList();
  }

  private static String describe(Event event) {
    return event.getType() + " " + event.getReason() + ": " + event.getMessage();
  }
}
