package io.migratepages.chart;

import static io.migratepages.chart.Pods.container;
import static io.migratepages.chart.Pods.env;
import static io.migratepages.chart.Pods.podSpec;
import static io.migratepages.chart.Pods.strings;
import static io.migratepages.chart.Pods.volume;
import static io.migratepages.chart.Pods.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

class OperatorDeploymentTest {

  private static final JsonNode DEFAULT = Chart.render().one("Deployment");
  private static final JsonNode OPERATOR = container(DEFAULT, "operator");

  @Test
  void oneLeaderElectedReplicaByDefault() {
    assertThat(DEFAULT.at("/spec/replicas").asInt()).isEqualTo(1);
  }

  @Test
  void severalReplicasWithLeaderElection() {
    JsonNode deployment = Chart.render("operator.replicas=3").one("Deployment");
    assertThat(deployment.at("/spec/replicas").asInt()).isEqualTo(3);
  }

  @Test
  void podNamespaceComesFromTheDownwardApi() {
    assertThat(env(OPERATOR, "POD_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.namespace");
  }

  @Test
  void agentTimeoutDefaultsTo60sAndIsAValue() {
    assertThat(env(OPERATOR, "MIGRATEPAGES_AGENT_TIMEOUT").path("value").asText()).isEqualTo("60s");
    JsonNode changed =
        container(Chart.render("operator.agentTimeout=2m30s").one("Deployment"), "operator");
    assertThat(env(changed, "MIGRATEPAGES_AGENT_TIMEOUT").path("value").asText())
        .isEqualTo("2m30s");
  }

  @Test
  void watchedNamespacesBecomeTheOperatorSdkSetting() {
    assertThat(OPERATOR.path("env"))
        .extracting(e -> e.path("name").asText())
        .doesNotContain("QUARKUS_OPERATOR_SDK_NAMESPACES");
    JsonNode limited =
        container(
            Chart.renderWithValues("operator:\n  watchNamespaces: [team-a, team-b]\n")
                .one("Deployment"),
            "operator");
    assertThat(env(limited, "QUARKUS_OPERATOR_SDK_NAMESPACES").path("value").asText())
        .isEqualTo("team-a,team-b");
  }

  @Test
  void extraEnvIsAppendedAfterTheChartsOwn() {
    JsonNode op =
        container(
            Chart.renderWithValues(
                    """
                    operator:
                      extraEnv:
                        - name: QUARKUS_OPERATOR_SDK_CONCURRENT_RECONCILIATION_THREADS
                          value: "4"
                    """)
                .one("Deployment"),
            "operator");
    assertThat(
            env(op, "QUARKUS_OPERATOR_SDK_CONCURRENT_RECONCILIATION_THREADS")
                .path("value")
                .asText())
        .isEqualTo("4");
  }

  @Test
  void runsAsNonRootWithNothingExtra() {
    JsonNode pod = podSpec(DEFAULT);
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
    assertThat(pod.at("/securityContext/runAsUser").asInt()).isEqualTo(185);
    assertThat(pod.at("/securityContext/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
    assertThat(pod.path("hostPID").asBoolean(false)).isFalse();

    JsonNode sc = OPERATOR.path("securityContext");
    assertThat(sc.path("runAsNonRoot").asBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
    assertThat(strings(sc.at("/capabilities/drop"))).containsExactly("ALL");
    assertThat(sc.path("capabilities").has("add")).isFalse();
    assertThat(sc.at("/seccompProfile/type").asText()).isEqualTo("RuntimeDefault");
  }

  @Test
  void runAsUserCanBeLeftToThePlatform() {
    JsonNode pod =
        podSpec(
            Chart.renderWithValues("operator:\n  runAsUser: null\n  runAsGroup: null\n")
                .one("Deployment"));
    assertThat(pod.path("securityContext").has("runAsUser")).isFalse();
    assertThat(pod.path("securityContext").has("runAsGroup")).isFalse();
    assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
  }

  @Test
  void tmpIsAnEmptyDir() {
    assertThat(volumeMount(OPERATOR, "tmp").path("mountPath").asText()).isEqualTo("/tmp");
    assertThat(volume(DEFAULT, "tmp").has("emptyDir")).isTrue();
  }

  @Test
  void probesPortAndResources() {
    assertThat(OPERATOR.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(OPERATOR.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(OPERATOR.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(OPERATOR.at("/resources/requests/memory").asText()).isEqualTo("256Mi");
    assertThat(OPERATOR.at("/resources/limits/memory").asText()).isEqualTo("512Mi");
  }

  @Test
  void imageDefaultsToTheChartAppVersion() {
    assertThat(OPERATOR.path("image").asText())
        .isEqualTo("ghcr.io/migratepages/migratepages-operator:0.1.0");
    assertThat(OPERATOR.path("imagePullPolicy").asText()).isEqualTo("IfNotPresent");
    JsonNode tagged =
        container(Chart.render("image.operator.tag=0.2.0-rc1").one("Deployment"), "operator");
    assertThat(tagged.path("image").asText())
        .isEqualTo("ghcr.io/migratepages/migratepages-operator:0.2.0-rc1");
  }

  @Test
  void imagePullSecretsReachBothPods() {
    Manifests manifests = Chart.renderWithValues("imagePullSecrets:\n  - name: regcred\n");
    assertThat(manifests.podSpecs()).hasSize(2);
    for (JsonNode pod : manifests.podSpecs()) {
      assertThat(pod.at("/imagePullSecrets/0/name").asText()).isEqualTo("regcred");
    }
  }
}
