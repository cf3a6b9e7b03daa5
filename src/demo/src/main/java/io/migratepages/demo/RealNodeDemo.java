package io.migratepages.demo;

import com.marcnuri.helm.Helm;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.migratepages.kubetest.KubeLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * {@code bin/demo --real-node}: nothing simulated but the hardware. A real control plane on the
 * host (bin/kube-local), the chart installed with helm-java and the images of src/images/build, a
 * real Kubernetes node in the NUMA VM (kubelet, containerd, runc: src/kube-node/run-node) running
 * the operator's and the agent's pods, and src/kube-node/vm/chart-scenario.sh there: the Guaranteed
 * pod demo-app, then the real {@code kubectl apply -f examples/demo-numamigration.yaml}. The host
 * watches the NumaMigration through the API server and prints the same report as the simulated
 * demo.
 */
public final class RealNodeDemo {
  static final String NODE = "numa-vm-node";
  private static final String RELEASE = "mp";
  private static final String CHART_NAMESPACE = "migratepages-system";
  private static final String MIGRATION = "demo";
  private static final int VM_TIMEOUT_SECONDS = 2400;
  private static final Duration NODE_READY = Duration.ofMinutes(15);
  private static final Duration PODS_READY = Duration.ofMinutes(20);
  private static final Duration MIGRATION_DONE = Duration.ofMinutes(10);
  private static final Duration VM_FINISH = Duration.ofMinutes(5);
  private static final ResourceDefinitionContext NUMA_MIGRATIONS =
      context("NumaMigration", "numamigrations");
  private static final ResourceDefinitionContext NODE_MIGRATIONS =
      context("NodeMigration", "nodemigrations");

  private final ProjectLayout layout;
  private final Path runDir;
  private final Narrator narrator;
  private final Resources resources = new Resources();

  public RealNodeDemo(ProjectLayout layout, Path runDir, Narrator narrator) {
    this.layout = layout;
    this.runDir = runDir;
    this.narrator = narrator;
  }

  public Path runDir() {
    return runDir;
  }

  /** Stops whatever still runs (the VM, the control plane); safe from any thread. */
  public void abort() {
    resources.closeAll();
  }

  public DemoResult run() {
    try {
      return runScenario();
    } finally {
      resources.closeAll();
    }
  }

  private DemoResult runScenario() {
    Path root = layout.root();
    Path operatorImage = root.resolve("target/images/migratepages-operator.tar");
    Path agentImage = root.resolve("target/images/migratepages-node-agent.tar");
    KubeLocal kube = KubeLocal.startFresh(root, runDir.resolve("kube"));
    resources.register(kube::stop);
    int port = apiServerPort(kube);
    narrator.step(
        "Kubernetes control plane (bin/kube-local: etcd, kube-apiserver, kube-controller-manager,"
            + " kube-scheduler) on 127.0.0.1:%d, logs %s",
        port, layout.relative(kube.dir().resolve("logs")));
    new Helm(root.resolve("helm/migratepages-operator"))
        .install()
        .withName(RELEASE)
        .withNamespace(CHART_NAMESPACE)
        .createNamespace()
        .withKubeConfig(kube.kubeconfig())
        .set("image.operator.pullPolicy", "Never")
        .set("image.agent.pullPolicy", "Never")
        .set("apiServer.host", "10.0.2.2")
        .set("apiServer.port", port)
        .set("startupSeconds", 900)
        .set("operator.agentTimeout", "5m")
        // JOSDK gives its informers 2 minutes to sync, then exits 1: too short for a JVM under TCG
        // (both pods exited so on the first run).
        .set("operator.extraEnv[0].name", "QUARKUS_OPERATOR_SDK_CACHE_SYNC_TIMEOUT")
        .set("operator.extraEnv[0].value", "15M")
        .set("agent.extraEnv[0].name", "QUARKUS_OPERATOR_SDK_CACHE_SYNC_TIMEOUT")
        .set("agent.extraEnv[0].value", "15M")
        .set("agent.seccompProfile.type", "Localhost")
        .set("agent.seccompProfile.localhostProfile", "migratepages/agent.json")
        .call();
    narrator.step(
        "helm install %s helm/migratepages-operator -n %s: images %s and %s (pullPolicy Never),"
            + " agent seccomp Localhost migratepages/agent.json, apiServer.host 10.0.2.2",
        RELEASE, CHART_NAMESPACE, layout.relative(operatorImage), layout.relative(agentImage));

    Path vm = runDir.resolve("vm");
    ChildProcess node =
        resources.register(
            ChildProcess.start(
                "real node",
                List.of(
                    "src/kube-node/run-node",
                    "--kube",
                    kube.dir().toString(),
                    "--out",
                    vm.toString(),
                    "--name",
                    NODE,
                    "--timeout",
                    Integer.toString(VM_TIMEOUT_SECONDS),
                    "--node-mib",
                    "2048",
                    "--image",
                    operatorImage.toString(),
                    "--image",
                    agentImage.toString(),
                    "--",
                    "env",
                    "CHART_NAMESPACE=" + CHART_NAMESPACE,
                    "CHART_RELEASE=" + RELEASE,
                    "src/kube-node/vm/chart-scenario.sh",
                    "Localhost"),
                root,
                Map.of(),
                runDir.resolve("node.log")));
    narrator.step(
        "node %s: a QEMU VM with 2 NUMA nodes boots; kubelet, containerd and runc start there and"
            + " import the images; log %s",
        NODE, layout.relative(node.log()));

    try (KubernetesClient client = kube.newAdminClient()) {
      await(
          "node " + NODE + " Ready",
          NODE_READY,
          node,
          () -> nodeReady(client.nodes().withName(NODE).get()));
      narrator.step("node %s Ready (kubelet registered over QEMU's network at 10.0.2.2)", NODE);
      await(
          "the operator's and the agent's pods ready on " + NODE,
          PODS_READY,
          node,
          () -> chartPodsReady(client));
      narrator.step(
          "operator and node agent pods ready on %s: %s",
          NODE, String.join(", ", podNames(client, CHART_NAMESPACE)));
      await(
          "pod " + DemoScenario.POD + " Running",
          PODS_READY,
          node,
          () -> running(client.pods().inNamespace("default").withName(DemoScenario.POD).get()));
      narrator.step(
          "pod %s/%s Running (Guaranteed; memhog binds %d MiB to NUMA node 0); the node runs"
              + " kubectl apply -f %s",
          "default",
          DemoScenario.POD,
          DemoScenario.MEMORY_MIB,
          layout.relative(layout.demoMigration()));

      Resource<GenericKubernetesResource> migration =
          client
              .genericKubernetesResources(NUMA_MIGRATIONS)
              .inNamespace("default")
              .withName(MIGRATION);
      long watching = System.nanoTime();
      GenericKubernetesResource finished;
      try (MigrationWatch watch = new MigrationWatch(migration, narrator)) {
        finished = watch.awaitTerminal(MIGRATION_DONE, () -> checkAlive(node));
        List<String> phases = watch.phasesSeen();
        Duration migrationTime = Duration.ofNanos(System.nanoTime() - watching);
        List<GenericKubernetesResource> nodeMigrations =
            client
                .genericKubernetesResources(NODE_MIGRATIONS)
                .inNamespace("default")
                .withLabel(DemoScenario.MIGRATION_LABEL, MIGRATION)
                .list()
                .getItems();
        List<String> events = events(client);
        if (!node.waitFor(VM_FINISH)) {
          throw new DemoException(
              "the VM did not finish within " + VM_FINISH + ": " + node.logTail(20));
        }
        narrator.step("node %s: numa_maps read again; VM powered off", NODE);
        Path evidence = vm.resolve("chart/1-Localhost");
        Map<String, String> workload = keyValues(read(vm.resolve("chart/workload.env")));
        return new DemoResult(
            finished,
            nodeMigrations,
            phases,
            Integer.parseInt(workload.get("PID")),
            "kubepods/pod" + workload.get("UID"),
            NumaMaps.parse(read(evidence.resolve("numa_maps.before"))),
            NumaMaps.parse(read(evidence.resolve("numa_maps.after"))),
            keyValues(read(vm.resolve("environment"))),
            events,
            migrationTime,
            narrator.elapsed());
      }
    }
  }

  private void await(String what, Duration limit, ChildProcess node, BooleanSupplier done) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (!done.getAsBoolean()) {
      checkAlive(node);
      if (System.nanoTime() > deadline) {
        throw new DemoException(
            "waited " + limit.toMinutes() + " min for " + what + ":\n" + node.logTail(25));
      }
      sleep();
    }
  }

  private void checkAlive(ChildProcess node) {
    if (!node.isAlive()) {
      throw new DemoException(
          "the real node ended (exit "
              + node.exitValue()
              + "; "
              + read(runDir.resolve("vm/chart/error"), "no error recorded").strip()
              + "):\n"
              + node.logTail(30));
    }
  }

  private static boolean nodeReady(Node node) {
    return node != null
        && node.getStatus() != null
        && node.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean chartPodsReady(KubernetesClient client) {
    List<Pod> pods = client.pods().inNamespace(CHART_NAMESPACE).list().getItems();
    return pods.size() >= 2 && pods.stream().allMatch(RealNodeDemo::ready);
  }

  private static boolean ready(Pod pod) {
    return pod.getStatus() != null
        && pod.getStatus().getConditions().stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static boolean running(Pod pod) {
    return pod != null && pod.getStatus() != null && "Running".equals(pod.getStatus().getPhase());
  }

  private static List<String> podNames(KubernetesClient client, String namespace) {
    return client.pods().inNamespace(namespace).list().getItems().stream()
        .map(p -> p.getMetadata().getName())
        .toList();
  }

  private static List<String> events(KubernetesClient client) {
    return client.v1().events().inNamespace("default").list().getItems().stream()
        .filter(e -> MIGRATION.equals(e.getInvolvedObject().getName()))
        .filter(e -> "NumaMigration".equals(e.getInvolvedObject().getKind()))
        .sorted(
            Comparator.comparing(
                (Event e) -> String.valueOf(e.getMetadata().getCreationTimestamp())))
        .map(e -> e.getType() + " " + e.getReason() + ": " + e.getMessage())
        .toList();
  }

  private static int apiServerPort(KubeLocal kube) {
    String port = keyValues(read(kube.dir().resolve("run/ports.env"))).get("APISERVER_PORT");
    return Integer.parseInt(Optional.ofNullable(port).orElseThrow());
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.putIfAbsent(line.substring(0, equals), line.substring(equals + 1).strip());
      }
    }
    return values;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String read(Path file, String fallback) {
    return Files.isRegularFile(file) ? read(file) : fallback;
  }

  private static ResourceDefinitionContext context(String kind, String plural) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("migratepages.io")
        .withVersion("v1alpha1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(true)
        .build();
  }

  private static void sleep() {
    try {
      Thread.sleep(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted", e);
    }
  }
}
