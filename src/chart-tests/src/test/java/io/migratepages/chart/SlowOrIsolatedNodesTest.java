package io.migratepages.chart;

import static io.migratepages.chart.Pods.container;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two values for nodes unlike a usual cluster's (src/kube-node runs such a node in a VM): no
 * route to the kubernetes Service (apiServer) and JVMs that start slowly (startupSeconds).
 */
class SlowOrIsolatedNodesTest {

  @Test
  void byDefaultThePodsUseTheKubeletsServiceVariables() {
    Manifests manifests = Chart.render();
    for (JsonNode c : containers(manifests)) {
      assertThat(envNames(c))
          .as("env of %s", c.path("name").asText())
          .doesNotContain("KUBERNETES_SERVICE_HOST", "KUBERNETES_SERVICE_PORT");
    }
  }

  @Test
  void apiServerHostAndPortReachBothContainers() {
    Manifests manifests = Chart.render("apiServer.host=10.0.2.2", "apiServer.port=24443");
    for (JsonNode c : containers(manifests)) {
      assertThat(value(c, "KUBERNETES_SERVICE_HOST")).isEqualTo("10.0.2.2");
      assertThat(value(c, "KUBERNETES_SERVICE_PORT")).isEqualTo("24443");
    }
  }

  @Test
  void aPortOutOfRangeIsRefusedNamingTheField() {
    assertThat(Chart.renderError("apiServer.host=10.0.2.2", "apiServer.port=70000"))
        .contains("apiServer", "port");
  }

  @Test
  void startupSecondsSetsBothStartupProbes() {
    assertThat(Chart.render().all()).isNotEmpty();
    for (JsonNode c : containers(Chart.render())) {
      assertThat(c.at("/startupProbe/periodSeconds").asInt()).isEqualTo(2);
      assertThat(c.at("/startupProbe/failureThreshold").asInt()).isEqualTo(30);
    }
    for (JsonNode c : containers(Chart.render("startupSeconds=600"))) {
      assertThat(c.at("/startupProbe/failureThreshold").asInt()).isEqualTo(300);
    }
  }

  private static List<JsonNode> containers(Manifests manifests) {
    return List.of(
        container(manifests.one("Deployment"), "operator"),
        container(manifests.one("DaemonSet"), "agent"));
  }

  private static List<String> envNames(JsonNode container) {
    List<String> names = new ArrayList<>();
    container.path("env").forEach(e -> names.add(e.path("name").asText()));
    return names;
  }

  private static String value(JsonNode container, String name) {
    return Pods.env(container, name).path("value").asText();
  }
}
