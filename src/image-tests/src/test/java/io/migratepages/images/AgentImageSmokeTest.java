package io.migratepages.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The node-agent archive unpacked and started by runc as the chart runs it (uid 0, only the chart's
 * added capabilities, read-only root, /tmp an empty host directory, the host's cgroup tree
 * read-only, the host's PIDs), against a real kube-apiserver: it must pass its start-up checks,
 * answer its liveness probe, and write nothing of JNA's to /tmp.
 */
@RealControlPlane
class AgentImageSmokeTest {

  @Test
  void startsOnAReadOnlyRootAnswersItsLivenessProbeAndLogsItsStartUpChecks(
      KubeLocal kube, KubernetesClient client) throws Exception {
    Crds.install(client);
    ImageArchive image = ImageArchive.named("migratepages-node-agent.tar");
    JsonNode container = RenderedChart.defaults().container("DaemonSet");
    int port = RuncContainer.freePort();
    RuncBundle bundle = SmokeBundles.unpack(image, "agent", kube);
    container
        .path("securityContext")
        .path("capabilities")
        .path("add")
        .forEach(c -> bundle.capability(c.asText()));
    bundle
        .bind(Path.of("/sys/fs/cgroup"), "/sys/fs/cgroup", true)
        .env("NODE_NAME", "image-smoke-node")
        .env("POD_NAME", "agent-smoke")
        .env("POD_NAMESPACE", "migratepages")
        .env("QUARKUS_LOG_LEVEL", "INFO")
        .env("QUARKUS_HTTP_PORT", Integer.toString(port))
        // The chart's heap sizing from its memory limit (384Mi).
        .env("JDK_JAVA_OPTIONS", "-XX:MaxRAM=402653184");

    try (RuncContainer agent =
        RuncContainer.run(bundle, "migratepages-agent-smoke-" + ProcessHandle.current().pid())) {
      await("the agent's liveness endpoint; log so far in " + bundle.dir.resolve("container.log"))
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .failFast("the agent exited (its log is printed below)", () -> !agent.isRunning())
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(agent.isRunning()).as("the agent exited:\n%s", agent.log()).isTrue();
                HttpResponse<String> live = RuncContainer.get(port, "/q/health/live");
                assertThat(live.statusCode()).isEqualTo(200);
                assertThat(live.body()).contains("\"status\": \"UP\"");
              });
      String log = agent.log();
      assertThat(log)
          .contains(
              "start-up check hostPID: ok",
              "start-up check capabilities: ok",
              "start-up check seccomp: ok",
              "every start-up check passed");
      assertThat(RuncContainer.get(port, "/q/health/ready").statusCode()).isEqualTo(200);
      assertThat(RuncContainer.get(port, "/q/metrics").body()).contains("jvm_memory_used_bytes");
      List<String> written = writtenTo(bundle.dir.resolve("emptydir-tmp"));
      System.out.println("agent smoke run, written to /tmp: " + written);
      assertThat(written).noneMatch(p -> p.toLowerCase().contains("jna"));
    }
  }

  static List<String> writtenTo(Path dir) throws Exception {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .filter(p -> !p.equals(dir))
          .map(p -> "/tmp/" + dir.relativize(p))
          .sorted()
          .toList();
    }
  }
}
