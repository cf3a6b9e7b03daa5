package io.migratepages.kubenode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.testsupport.LoggedRuns;
import io.migratepages.testsupport.NumaMapsBytes;
import java.io.IOException;
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
 * The first real kubelet + containerd cgroup tree the engine meets: a real control plane on the
 * host (bin/kube-local), a real node in a 2-NUMA-node VM (src/kube-node/run-node: kubelet 1.35.4,
 * containerd 1.6, runc, CNI bridge), a Guaranteed pod whose memhog binds 256 MiB to NUMA node 0
 * (vm/memhog-pod.sh), the engine's cgroup resolver on the tree the kubelet made, and
 * bin/migratepages moving the pages to NUMA node 1. Everything is real but the hardware, which QEMU
 * emulates.
 *
 * <p>Runs only with {@code -Dkube.node=true}: it passed in three of four runs on 2026-12-02 (the VM
 * 62-348 s), but in one, on a quiet host, the guest froze about a minute after the node became
 * Ready (the kubelet and containerd stopped logging, the node went NotReady, the pod stayed
 * Pending, QEMU kept both host cores busy) and only the VM timeout would have ended it. Until that
 * is understood it stays out of the default {@code mvn verify}.
 */
@EnabledIfSystemProperty(named = "kube.node", matches = "true")
class RealKubeNodeTest {

  private static final String NODE_NAME = RealNodeRun.NODE_NAME;
  private static final long MIB = 1024 * 1024;

  /** The whole VM (boot, containerd, kubelet, pod, two JVMs) under TCG on a loaded 2-core host. */
  private static final int VM_TIMEOUT_SECONDS = 1500;

  private static KubeLocal kube;
  private static Path out;
  private static Map<String, String> pod;

  @BeforeAll
  static void runTheNode() {
    Path root = RealNodeRun.projectRoot();
    Path build = Path.of(System.getProperty("migratepages.buildDir", "target")).toAbsolutePath();
    RealNodeRun.requireNumaVm(root, build);
    kube = KubeLocal.startFresh(root, build.resolve("kube-local"));
    out = build.resolve("kube-node");
    LoggedRuns.deleteIfExists(out.resolve("cases.done"));
    RealNodeRun run =
        RealNodeRun.run(
            root,
            kube,
            out,
            build.resolve("kube-node.log"),
            VM_TIMEOUT_SECONDS,
            List.of(),
            List.of("src/kube-node/vm/memhog-pod.sh"));
    if (run.exitCode() != 0 || !Files.exists(out.resolve("cases.done"))) {
      fail("the real-node scenario did not complete: %s", run.failureReport());
    }
    pod = RealNodeRun.keyValues(LoggedRuns.read(out.resolve("pod.env")));
  }

  @AfterAll
  static void stopTheControlPlane() {
    if (kube != null) {
      kube.stop();
    }
  }

  @Test
  void theNodeIsARealKubeletOnContainerd() {
    try (KubernetesClient client = kube.newAdminClient()) {
      Node node = client.nodes().withName(NODE_NAME).get();
      assertThat(node).as("node %s registered by the kubelet", NODE_NAME).isNotNull();
      NodeSystemInfo info = node.getStatus().getNodeInfo();
      assertThat(info.getKubeletVersion()).isEqualTo("v1.35.4");
      assertThat(info.getContainerRuntimeVersion()).startsWith("containerd://1.6.");
      assertThat(node.getStatus().getAddresses())
          .anySatisfy(address -> assertThat(address.getAddress()).isEqualTo("10.0.2.15"));
    }
  }

  @Test
  void thePodIsGuaranteedAndRanOnTheNode() throws IOException {
    JsonNode json = new ObjectMapper().readTree(out.resolve("pod.json").toFile());
    assertThat(json.path("spec").path("nodeName").asText()).isEqualTo(NODE_NAME);
    assertThat(json.path("status").path("qosClass").asText()).isEqualTo("Guaranteed");
    assertThat(json.path("status").path("phase").asText()).isEqualTo("Running");
    assertThat(pod.get("CONTAINER_ID")).matches("containerd://[0-9a-f]{64}");
  }

  /**
   * What the kubelet's cgroupfs driver and containerd made on cgroup v2 (docs/cgroups.md): the
   * Guaranteed pod directly under kubepods, the container's directory named by its bare ID.
   */
  @Test
  void theContainerSitsInKubepodsPodUidContainerId() {
    String expected = "0::/kubepods/pod" + pod.get("UID") + "/" + containerIdHex();
    assertThat(LoggedRuns.read(out.resolve("cgroup/proc-pid-cgroup")).strip()).isEqualTo(expected);
    assertThat(LoggedRuns.read(out.resolve("cgroup/tree")))
        .as("the sandbox's and the container's directories, each with its own process")
        .contains(
            "kubepods/pod"
                + pod.get("UID")
                + "/"
                + containerIdHex()
                + " procs=["
                + pod.get("PID")
                + "]")
        .contains("kubepods/besteffort procs=[]", "kubepods/burstable procs=[]");
  }

  @Test
  void theEnginesResolverFindsTheContainersProcess() {
    String output = LoggedRuns.read(out.resolve("resolver.out"));
    assertThat(LoggedRuns.read(out.resolve("resolver.exit-code")).strip())
        .as(output)
        .isEqualTo("0");
    Map<String, String> resolved = RealNodeRun.keyValues(output);
    assertThat(resolved.get("driver")).as(output).isEqualTo("CGROUPFS");
    assertThat(resolved.get("cgroup"))
        .as(output)
        .isEqualTo("kubepods/pod" + pod.get("UID") + "/" + containerIdHex());
    assertThat(resolved.get("pids")).as(output).isEqualTo(pod.get("PID"));
  }

  @Test
  void theCliMovesThePodsMemoryToNumaNode1() {
    Path move = out.resolve("cases/move-256");
    assertThat(LoggedRuns.read(move.resolve("exit-code")).strip())
        .as("bin/migratepages: %s", LoggedRuns.read(move.resolve("stderr")))
        .isEqualTo("0");
    SortedMap<Integer, Long> before =
        NumaMapsBytes.parse(LoggedRuns.read(move.resolve("numa_maps.before"))).anonymous();
    SortedMap<Integer, Long> after =
        NumaMapsBytes.parse(LoggedRuns.read(move.resolve("numa_maps.after"))).anonymous();
    assertThat(before.getOrDefault(0, 0L))
        .as("before: %s", before)
        .isGreaterThanOrEqualTo(256 * MIB);
    long total = after.values().stream().mapToLong(Long::longValue).sum();
    assertThat((double) after.getOrDefault(1, 0L) / total)
        .as("share of the container's anonymous memory on NUMA node 1 afterwards: %s", after)
        .isGreaterThanOrEqualTo(0.95);
    System.out.printf(
        "real node: anonymous bytes per NUMA node before %s, after %s; the CLI took %s ms%n",
        before, after, LoggedRuns.read(move.resolve("elapsed-ms")).strip());
  }

  private static String containerIdHex() {
    return pod.get("CONTAINER_ID").substring("containerd://".length());
  }
}
