package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.NS;
import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.runningPod;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.kubernetes.client.KubernetesServer;
import io.quarkus.test.kubernetes.client.WithKubernetesTestServer;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The Quarkus application as built: CDI wiring, config, health and metrics endpoints.
 *
 * <p>Why the mock API server: the Quarkus test extension provides it in-process and the module's
 * tests run without the Kubernetes binaries; the operator's reconciling against the real
 * kube-apiserver runs in {@code src/e2e} and {@code src/cluster-tests}.
 */
@QuarkusTest
@WithKubernetesTestServer(crud = true, setup = OperatorAppTest.InstallCrds.class)
class OperatorAppTest {

  public static class InstallCrds implements Consumer<KubernetesServer> {
    @Override
    public void accept(KubernetesServer server) {
      Crds.install(server.getClient());
    }
  }

  @Inject KubernetesClient client;
  @Inject OperatorConfig config;

  @TestHTTPResource("/q/health/ready")
  URI ready;

  @TestHTTPResource("/q/health/live")
  URI live;

  @TestHTTPResource("/q/metrics")
  URI metrics;

  @Test
  void theWiredReconcilerDispatchesAndTheEndpointsAnswer() throws Exception {
    assertThat(config.agentTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(config.leaderElection().leaseName()).isEqualTo("migratepages-operator");

    client.resource(runningPod("db-0", "n1", Map.of("app", "db"), "app")).create();
    client.resource(migration("db", 1, podSpec("db-0", "all", "1"))).create();

    await("NodeMigration db-n1 written by the CDI-wired reconciler")
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> client.resources(NodeMigration.class).inNamespace(NS).withName("db-n1").get(),
            Objects::nonNull);

    HttpClient http = HttpClient.newHttpClient();
    assertThat(get(http, live).statusCode()).isEqualTo(200);
    HttpResponse<String> readiness = get(http, ready);
    assertThat(readiness.statusCode()).as(readiness.body()).isEqualTo(200);
    assertThat(get(http, metrics).body())
        .contains("migratepages_migrations_total{result=\"succeeded\"")
        .contains("migratepages_bytes_moved_total");
  }

  private static HttpResponse<String> get(HttpClient http, URI uri) throws Exception {
    return http.send(
        HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }
}
