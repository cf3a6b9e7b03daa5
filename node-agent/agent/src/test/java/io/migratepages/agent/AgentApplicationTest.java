package io.migratepages.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus wiring: CDI, the per-node selector from NODE_NAME, health and metrics.
 *
 * <p>Why the mock API server: the Quarkus test extension provides it in-process and the module's
 * tests run without the Kubernetes binaries; the agent's work against the real kube-apiserver runs
 * in {@code src/e2e} and, under the chart's ServiceAccount, in {@code src/cluster-tests}.
 */
@QuarkusTest
@TestProfile(NotCapableHostProfile.class)
@WithKubernetesTestServer(crud = true)
class AgentApplicationTest {
  @Inject KubernetesClient client;
  @Inject Operator operator;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @TestHTTPResource("/q/health/live")
  URI live;

  @TestHTTPResource("/q/health/well")
  URI well;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HttpClient.newHttpClient()
        .send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void controllerWatchesOnlyThisNodesLabelInEveryNamespace() {
    var config =
        operator
            .getRegisteredController(NodeMigrationReconciler.NAME)
            .orElseThrow()
            .getConfiguration()
            .getInformerConfig();

    assertThat(config.getLabelSelector()).isEqualTo("migratepages.io/node=worker-q");
    assertThat(config.watchAllNamespaces()).isTrue();
  }

  @Test
  void anAgentThatCannotMigrateIsStillReadyAndSaysWhyElsewhere() throws Exception {
    HttpResponse<String> readiness = get(ready);
    HttpResponse<String> liveness = get(live);
    HttpResponse<String> wellness = get(well);

    assertThat(readiness.statusCode())
        .as("readiness means serving, so a DaemonSet rollout onto such nodes completes")
        .isEqualTo(200);
    assertThat(readiness.body()).doesNotContain("migratepages-agent-capabilities");
    assertThat(liveness.statusCode()).isEqualTo(200);
    assertThat(wellness.statusCode()).isEqualTo(503);
    assertThat(wellness.body())
        .contains("migratepages-agent-capabilities")
        .contains("PROBLEM: missing CAP_SYS_NICE");
    assertThat(get(metrics).body()).contains("migratepages_agent_capable 0.0");
  }

  @Test
  void workForThisNodeFailsAsAgentNotCapableAndOtherNodesWorkIsLeftAlone() throws Exception {
    create("default", "mine", NotCapableHostProfile.NODE);
    create("default", "theirs", "worker-other");

    NodeMigrationStatus status =
        await("the agent to fail its work")
            .atMost(Duration.ofSeconds(20))
            .until(
                () -> get("mine").getStatus(),
                s -> s != null && s.getPhase() == MigrationPhase.Failed);

    assertThat(status.getReason()).isEqualTo(PodReason.AgentNotCapable.name());
    assertThat(status.getAgent()).isEqualTo("agent-q");
    assertThat(status.getPods())
        .singleElement()
        .satisfies(p -> assertThat(p.getReason()).isEqualTo(PodReason.AgentNotCapable.name()));
    assertThat(get("theirs").getStatus()).isNull();
    assertThat(get(metrics).body())
        .contains("migratepages_agent_processes_total{result=\"moved\"}")
        .contains("migratepages_agent_bytes_moved_total");
  }

  private NodeMigration get(String name) {
    return client.resources(NodeMigration.class).inNamespace("default").withName(name).get();
  }

  private void create(String namespace, String name, String node) {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName(node);
    spec.setMigrationName("m");
    spec.setFromNodes("0");
    spec.setToNodes("1");
    spec.setPods(
        List.of(
            new TargetPod(
                "p-0",
                "0b7c3f7e-1111-4a2b-9c3d-000000000001",
                "Burstable",
                List.of(new TargetContainer("app", "containerd://" + "a".repeat(64))))));
    NodeMigration work = new NodeMigration();
    work.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(Map.of(ApiGroup.NODE_LABEL, ApiGroup.labelValue(node)))
            .build());
    work.setSpec(spec);
    client.resource(work).create();
  }
}
