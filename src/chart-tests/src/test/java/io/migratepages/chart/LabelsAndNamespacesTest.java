package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LabelsAndNamespacesTest {

  private static final Manifests ALL =
      Chart.renderWithValues(
          """
          operator: {metrics: {serviceMonitor: {enabled: true}}}
          agent: {metrics: {podMonitor: {enabled: true}}}
          """);
  private static final Set<String> CLUSTER_SCOPED =
      Set.of(
          "ClusterRole",
          "ClusterRoleBinding",
          "CustomResourceDefinition",
          "ValidatingAdmissionPolicy",
          "ValidatingAdmissionPolicyBinding");

  @Test
  void everyObjectCarriesTheStandardLabels() {
    for (JsonNode object : ALL.all()) {
      if ("CustomResourceDefinition".equals(object.path("kind").asText())) {
        continue; // crds/ is copied verbatim by Helm, never templated
      }
      Map<String, String> labels = Labels.of(object.at("/metadata/labels"));
      assertThat(labels)
          .as("%s/%s", object.path("kind").asText(), object.at("/metadata/name").asText())
          .containsEntry("app.kubernetes.io/name", "migratepages-operator")
          .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
          .containsEntry("app.kubernetes.io/managed-by", "Helm")
          .containsEntry("app.kubernetes.io/version", "0.1.0")
          .containsEntry("app.kubernetes.io/part-of", "migratepages-operator")
          .containsEntry("helm.sh/chart", "migratepages-operator-0.1.0")
          .containsKey("app.kubernetes.io/component");
    }
  }

  @Test
  void namespacedObjectsLandInTheReleaseNamespace() {
    for (JsonNode object : ALL.all()) {
      String kind = object.path("kind").asText();
      if (CLUSTER_SCOPED.contains(kind)) {
        assertThat(object.at("/metadata").has("namespace")).as(kind).isFalse();
      } else {
        assertThat(object.at("/metadata/namespace").asText()).as(kind).isEqualTo(Chart.NAMESPACE);
      }
    }
  }

  @Test
  void workloadSelectorsMatchTheirOwnPodsOnly() {
    JsonNode deployment = ALL.one("Deployment");
    JsonNode daemonSet = ALL.one("DaemonSet");
    Map<String, String> opSelector = Labels.of(deployment.at("/spec/selector/matchLabels"));
    Map<String, String> agentSelector = Labels.of(daemonSet.at("/spec/selector/matchLabels"));
    Map<String, String> opPod = Labels.of(deployment.at("/spec/template/metadata/labels"));
    Map<String, String> agentPod = Labels.of(daemonSet.at("/spec/template/metadata/labels"));

    assertThat(Labels.matches(opSelector, opPod)).isTrue();
    assertThat(Labels.matches(agentSelector, agentPod)).isTrue();
    assertThat(Labels.matches(opSelector, agentPod)).isFalse();
    assertThat(Labels.matches(agentSelector, opPod)).isFalse();
    assertThat(opSelector).doesNotContainKeys("helm.sh/chart", "app.kubernetes.io/version");
  }

  @Test
  void namesFollowTheReleaseAndCanBeOverridden() {
    assertThat(ALL.one("Deployment").at("/metadata/name").asText())
        .isEqualTo("mp-migratepages-operator");
    assertThat(ALL.one("DaemonSet").at("/metadata/name").asText())
        .isEqualTo("mp-migratepages-operator-node-agent");

    Manifests renamed = Chart.render("fullnameOverride=numa");
    assertThat(renamed.one("Deployment").at("/metadata/name").asText()).isEqualTo("numa");
    assertThat(renamed.one("DaemonSet").at("/metadata/name").asText()).isEqualTo("numa-node-agent");
  }

  @Test
  void podLabelsAndAnnotationsAreAddedNotReplacing() {
    JsonNode ds =
        Chart.renderWithValues(
                """
                agent:
                  podLabels: {team: numa}
                  podAnnotations: {example.com/note: hello}
                """)
            .one("DaemonSet");
    Map<String, String> labels = Labels.of(ds.at("/spec/template/metadata/labels"));
    assertThat(labels).containsEntry("team", "numa");
    assertThat(labels).containsAllEntriesOf(Labels.of(ds.at("/spec/selector/matchLabels")));
    assertThat(ds.at("/spec/template/metadata/annotations/example.com~1note").asText())
        .isEqualTo("hello");
  }
}
