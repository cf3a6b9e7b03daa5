package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MetricsTest {

  @Test
  void operatorMetricsServiceSelectsOnlyTheOperatorPods() {
    Manifests manifests = Chart.render();
    JsonNode service = manifests.one("Service");
    assertThat(service.at("/metadata/name").asText()).isEqualTo("mp-migratepages-operator-metrics");
    assertThat(service.at("/spec/ports/0/port").asInt()).isEqualTo(8080);
    assertThat(service.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");

    Map<String, String> selector = Labels.of(service.at("/spec/selector"));
    Map<String, String> operatorPod =
        Labels.of(manifests.one("Deployment").at("/spec/template/metadata/labels"));
    Map<String, String> agentPod =
        Labels.of(manifests.one("DaemonSet").at("/spec/template/metadata/labels"));
    assertThat(operatorPod).containsAllEntriesOf(selector);
    assertThat(Labels.matches(selector, agentPod)).isFalse();
  }

  @Test
  void noPrometheusOperatorObjectsByDefault() {
    Manifests manifests = Chart.render();
    assertThat(manifests.ofKind("ServiceMonitor")).isEmpty();
    assertThat(manifests.ofKind("PodMonitor")).isEmpty();
  }

  @Test
  void serviceMonitorScrapesQuarkusMetricsWhenEnabled() {
    Manifests manifests =
        Chart.renderWithValues(
            """
            operator:
              metrics:
                serviceMonitor: {enabled: true, interval: 15s, labels: {release: prom}}
            agent:
              metrics:
                podMonitor: {enabled: true}
            """);
    JsonNode sm = manifests.one("ServiceMonitor");
    assertThat(sm.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
    assertThat(sm.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
    assertThat(sm.at("/spec/endpoints/0/interval").asText()).isEqualTo("15s");
    assertThat(sm.at("/metadata/labels/release").asText()).isEqualTo("prom");
    assertThat(Labels.of(manifests.one("Service").at("/metadata/labels")))
        .containsAllEntriesOf(Labels.of(sm.at("/spec/selector/matchLabels")));

    JsonNode pm = manifests.one("PodMonitor");
    assertThat(pm.at("/spec/podMetricsEndpoints/0/path").asText()).isEqualTo("/q/metrics");
    assertThat(Labels.of(manifests.one("DaemonSet").at("/spec/template/metadata/labels")))
        .containsAllEntriesOf(Labels.of(pm.at("/spec/selector/matchLabels")));
  }

  @Test
  void metricsServiceCanBeSwitchedOff() {
    assertThat(Chart.render("operator.metrics.service.enabled=false").ofKind("Service")).isEmpty();
  }
}
