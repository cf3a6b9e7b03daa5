package io.migratepages.kubenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.Helm;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.testsupport.LoggedRuns;
import io.migratepages.testsupport.NumaMapsBytes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The chart installed for real: helm install (helm-java) into the real API server with the images
 * of src/images/build, the operator's and the agent's pods run by the real kubelet + containerd in
 * the NUMA VM with the chart's security context unchanged, and {@code kubectl apply -f
 * examples/demo-numamigration.yaml} moving a Guaranteed pod's 256 MiB from NUMA node 0 to 1 by the
 * agent pod (vm/chart-scenario.sh). The agent runs under three seccomp profiles in turn: the
 * chart's Localhost profile installed in the kubelet's seccomp directory (installed by helm),
 * RuntimeDefault forced by a patch of the DaemonSet (the chart's schema refuses it), then
 * Unconfined; the last two move the pages back to node 0.
 */
@EnabledIfSystemProperty(named = "kube.node", matches = "true")
class ChartOnRealNodeTest {

  private static final String RELEASE = "mp";
  private static final String NAMESPACE = "migratepages-system";
  private static final long MIB = 1024 * 1024;

  /** Two Java images imported, two JVMs started and restarted twice under TCG. */
  private static final int VM_TIMEOUT_SECONDS = 2700;

  /** The images (about 95 MiB each) unpacked on tmpfs, two JVMs, a 256 MiB workload. */
  private static final int NODE_MIB = 2048;

  private static KubeLocal kube;
  private static Path chart;

  @BeforeAll
  static void installTheChartAndRunTheNode() {
    Path root = RealNodeRun.projectRoot();
    Path build = Path.of(System.getProperty("migratepages.buildDir", "target")).toAbsolutePath();
    RealNodeRun.requireNumaVm(root, build);
    Path operatorImage = root.resolve("target/images/migratepages-operator.tar");
    Path agentImage = root.resolve("target/images/migratepages-node-agent.tar");
    for (Path image : List.of(operatorImage, agentImage)) {
      if (!Files.isRegularFile(image)) {
        fail("%s is missing: mvn -B -DskipTests package && src/images/build", image);
      }
    }
    kube = KubeLocal.startFresh(root, build.resolve("kube-local-chart"));
    new Helm(root.resolve("helm/migratepages-operator"))
        .install()
        .withName(RELEASE)
        .withNamespace(NAMESPACE)
        .createNamespace()
        .withKubeConfig(kube.kubeconfig())
        .set("image.operator.pullPolicy", "Never")
        .set("image.agent.pullPolicy", "Never")
        .set("apiServer.host", "10.0.2.2")
        .set("apiServer.port", apiServerPort(kube))
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
    Path out = build.resolve("kube-node-chart");
    chart = out.resolve("chart");
    LoggedRuns.deleteIfExists(chart.resolve("chart.done"));
    RealNodeRun run =
        RealNodeRun.run(
            root,
            kube,
            out,
            build.resolve("kube-node-chart.log"),
            VM_TIMEOUT_SECONDS,
            List.of(
                "--node-mib",
                Integer.toString(NODE_MIB),
                "--image",
                operatorImage.toString(),
                "--image",
                agentImage.toString()),
            List.of(
                    "env",
                    "CHART_NAMESPACE=" + NAMESPACE,
                    "CHART_RELEASE=" + RELEASE,
                    "src/kube-node/vm/chart-scenario.sh",
                    "Localhost",
                    "RuntimeDefault",
                    "Unconfined")
                .subList(0, 4 + variants()));
    if (run.exitCode() != 0 || !Files.exists(chart.resolve("chart.done"))) {
      fail(
          "the chart scenario did not complete (%s): %s",
          LoggedRuns.readOr(chart.resolve("error"), "no error recorded").strip(),
          run.failureReport());
    }
  }

  @AfterAll
  static void stopTheControlPlane() {
    if (kube != null) {
      kube.stop();
    }
  }

  @Test
  void theAgentPodWithTheChartsLocalhostProfileMovesThePagesToNumaNode1() {
    Path variant = chart.resolve("1-Localhost");
    assertThat(LoggedRuns.read(variant.resolve("agent.seccomp-type")).strip())
        .isEqualTo("Localhost");
    assertSucceededAndMoved(variant, 0, 1);
  }

  @Test
  void runtimeDefaultEndsFailedWithAgentNotCapableNamingSeccomp() {
    assumeVariantRan("2-RuntimeDefault");
    Path variant = chart.resolve("2-RuntimeDefault");
    assertThat(LoggedRuns.read(variant.resolve("agent.seccomp-type")).strip())
        .isEqualTo("RuntimeDefault");
    JsonNode status = json(variant.resolve("numamigration.json")).path("status");
    assertThat(status.path("phase").asText()).as("%s", status).isEqualTo("Failed");
    JsonNode pod = status.path("pods").path(0);
    assertThat(pod.path("reason").asText()).as("%s", status).isEqualTo("AgentNotCapable");
    assertThat(pod.path("message").asText()).as("%s", status).containsIgnoringCase("seccomp");
  }

  @Test
  void theAgentPodUnconfinedMovesThePagesBackToNumaNode0() {
    assumeVariantRan("3-Unconfined");
    Path variant = chart.resolve("3-Unconfined");
    assertThat(LoggedRuns.read(variant.resolve("agent.seccomp-type")).strip())
        .isEqualTo("Unconfined");
    assertSucceededAndMoved(variant, 1, 0);
  }

  /** The chart's capabilities: drop ALL, add SYS_NICE (bit 23) and SYS_PTRACE (bit 19), no more. */
  @Test
  void theAgentProcessHasExactlyTheChartsCapabilities() {
    long expected = (1L << 23) | (1L << 19);
    for (String variant : List.of("1-Localhost", "3-Unconfined")) {
      if (!Files.isDirectory(chart.resolve(variant))) {
        continue;
      }
      Map<String, String> status = procStatus(chart.resolve(variant).resolve("agent.status"));
      assertThat(Long.parseLong(status.get("CapEff"), 16)).as(variant).isEqualTo(expected);
      assertThat(Long.parseLong(status.get("CapBnd"), 16)).as(variant).isEqualTo(expected);
      assertThat(status.get("NoNewPrivs")).as(variant).isEqualTo("1");
    }
    assertThat(procStatus(chart.resolve("1-Localhost/agent.status")).get("Seccomp"))
        .as("seccomp mode 2 (filter) with the Localhost profile")
        .isEqualTo("2");
    if (Files.isDirectory(chart.resolve("3-Unconfined"))) {
      assertThat(procStatus(chart.resolve("3-Unconfined/agent.status")).get("Seccomp"))
          .isEqualTo("0");
    }
  }

  /** Both of the chart's pods are Burstable: the kubelet puts them under kubepods/burstable. */
  @Test
  void theChartsPodsSitInKubepodsBurstable() {
    Map<String, String> agent =
        RealNodeRun.keyValues(LoggedRuns.read(chart.resolve("1-Localhost/agent.env")));
    Map<String, String> operator =
        RealNodeRun.keyValues(LoggedRuns.read(chart.resolve("operator.env")));
    for (Map<String, String> pod : List.of(agent, operator)) {
      assertThat(pod.get("QOS")).isEqualTo("Burstable");
    }
    assertThat(LoggedRuns.read(chart.resolve("1-Localhost/agent.cgroup")).strip())
        .isEqualTo(cgroupLine(agent));
    assertThat(LoggedRuns.read(chart.resolve("operator.cgroup")).strip())
        .isEqualTo(cgroupLine(operator));
    long idle =
        Long.parseLong(LoggedRuns.read(chart.resolve("1-Localhost/agent.memory-current")).strip());
    System.out.printf(
        "the agent's cgroup memory.current before the migration: %d MiB%n", idle / MIB);
  }

  private static String cgroupLine(Map<String, String> pod) {
    return "0::/kubepods/burstable/pod"
        + pod.get("UID")
        + "/"
        + pod.get("CONTAINER_ID").substring("containerd://".length());
  }

  private static void assertSucceededAndMoved(Path variant, int from, int to) {
    JsonNode status = json(variant.resolve("numamigration.json")).path("status");
    assertThat(status.path("phase").asText())
        .as(
            "%s%nagent log:%n%s",
            status, LoggedRuns.tail(LoggedRuns.readOr(variant.resolve("agent.log"), ""), 20))
        .isEqualTo("Succeeded");
    SortedMap<Integer, Long> before =
        NumaMapsBytes.parse(LoggedRuns.read(variant.resolve("numa_maps.before"))).anonymous();
    SortedMap<Integer, Long> after =
        NumaMapsBytes.parse(LoggedRuns.read(variant.resolve("numa_maps.after"))).anonymous();
    assertThat(before.getOrDefault(from, 0L))
        .as("before: %s", before)
        .isGreaterThanOrEqualTo(256 * MIB);
    long total = after.values().stream().mapToLong(Long::longValue).sum();
    assertThat((double) after.getOrDefault(to, 0L) / total)
        .as("share of the workload's anonymous memory on NUMA node %d afterwards: %s", to, after)
        .isGreaterThanOrEqualTo(0.95);
    JsonNode container = status.path("pods").path(0).path("containers").path(0);
    for (int node : List.of(from, to)) {
      assertThat(container.path("bytesBefore").path(Integer.toString(node)).asLong())
          .as("status bytesBefore on NUMA node %d vs the VM's read %s", node, before)
          .isCloseTo(before.getOrDefault(node, 0L), org.assertj.core.data.Offset.offset(MIB));
      assertThat(container.path("bytesAfter").path(Integer.toString(node)).asLong())
          .as("status bytesAfter on NUMA node %d vs the VM's read %s", node, after)
          .isCloseTo(after.getOrDefault(node, 0L), org.assertj.core.data.Offset.offset(MIB));
    }
    System.out.printf(
        "chart on the real node, %s: %s; anonymous bytes per NUMA node before %s, after %s%n",
        variant.getFileName(), status.path("moved").asText(), before, after);
  }

  private static Map<String, String> procStatus(Path file) {
    return RealNodeRun.keyValues(LoggedRuns.read(file).replaceAll(":\\s+", "="));
  }

  private static JsonNode json(Path file) {
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * How many of the seccomp variants (Localhost, RuntimeDefault, Unconfined) run: all three, or
   * fewer with -Dkube.node.variants=1|2 (each further one restarts the agent's JVM under TCG).
   */
  private static int variants() {
    return Integer.parseInt(System.getProperty("kube.node.variants", "3"));
  }

  private static void assumeVariantRan(String variant) {
    org.junit.jupiter.api.Assumptions.assumeTrue(
        Files.isDirectory(chart.resolve(variant)), variant + " did not run (kube.node.variants)");
  }

  private static int apiServerPort(KubeLocal kube) {
    Map<String, String> ports =
        RealNodeRun.keyValues(LoggedRuns.read(kube.dir().resolve("run/ports.env")));
    return Integer.parseInt(ports.get("APISERVER_PORT"));
  }
}
