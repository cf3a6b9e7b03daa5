package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** What must hold for every pod the chart renders, whatever the values. */
class PodSecurityInvariantsTest {

  static Stream<String> valueSets() {
    return Stream.of(
        "",
        """
        operator: {replicas: 2, runAsUser: null}
        agent:
          seccompProfile: {type: Localhost, localhostProfile: migratepages/agent.json}
          appArmorProfile: {type: Unconfined}
          cgroupMount: {recursiveReadOnly: Enabled}
        """,
        """
        operator:
          metrics: {serviceMonitor: {enabled: true}}
        agent:
          metrics: {podMonitor: {enabled: true}}
          extraEnv: [{name: FOO, value: bar}]
          serviceAccount: {create: false, name: existing-agent}
        """);
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void noContainerIsPrivilegedOrCanEscalate(String values) {
    Manifests manifests = Chart.renderWithValues(values);
    assertThat(manifests.containers()).hasSize(2);
    for (JsonNode c : manifests.containers()) {
      JsonNode sc = c.path("securityContext");
      assertThat(sc.path("privileged").asBoolean(false)).as(c.path("name").asText()).isFalse();
      assertThat(sc.path("allowPrivilegeEscalation").asBoolean(true))
          .as(c.path("name").asText())
          .isFalse();
    }
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void everyRootFilesystemIsReadOnlyAndDropsAllCapabilities(String values) {
    for (JsonNode c : Chart.renderWithValues(values).containers()) {
      JsonNode sc = c.path("securityContext");
      assertThat(sc.path("readOnlyRootFilesystem").asBoolean(false))
          .as(c.path("name").asText())
          .isTrue();
      assertThat(Pods.strings(sc.at("/capabilities/drop")))
          .as(c.path("name").asText())
          .containsExactly("ALL");
    }
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void onlyTheAgentAddsCapabilitiesAndOnlyTheTwoItNeeds(String values) {
    for (JsonNode c : Chart.renderWithValues(values).containers()) {
      var added = Pods.strings(c.at("/securityContext/capabilities/add"));
      if ("agent".equals(c.path("name").asText())) {
        assertThat(added).containsExactlyInAnyOrder("SYS_NICE", "SYS_PTRACE");
      } else {
        assertThat(added).as(c.path("name").asText()).isEmpty();
      }
    }
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void noPodSharesTheHostNetworkOrIpcAndOnlyTheAgentSharesPids(String values) {
    Manifests manifests = Chart.renderWithValues(values);
    for (JsonNode workload : manifests.all()) {
      JsonNode pod = workload.at("/spec/template/spec");
      if (pod.isMissingNode()) {
        continue;
      }
      assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
      assertThat(pod.path("hostIPC").asBoolean(false)).isFalse();
      boolean isAgent = "DaemonSet".equals(workload.path("kind").asText());
      assertThat(pod.path("hostPID").asBoolean(false)).isEqualTo(isAgent);
    }
  }

  @ParameterizedTest
  @MethodSource("valueSets")
  void everyHostPathIsMountedReadOnly(String values) {
    Manifests manifests = Chart.renderWithValues(values);
    for (JsonNode workload : manifests.all()) {
      JsonNode pod = workload.at("/spec/template/spec");
      for (JsonNode volume : pod.path("volumes")) {
        if (!volume.has("hostPath")) {
          continue;
        }
        String name = volume.path("name").asText();
        for (JsonNode c : pod.path("containers")) {
          for (JsonNode mount : c.path("volumeMounts")) {
            if (name.equals(mount.path("name").asText())) {
              assertThat(mount.path("readOnly").asBoolean(false)).as(name).isTrue();
              assertThat(mount.path("mountPropagation").asText("None")).isEqualTo("None");
            }
          }
        }
      }
    }
  }
}
