package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ValidatingAdmissionPolicy that keeps each agent to its own node's NodeMigrations, as
 * rendered. Its CEL is judged by the real API server in the cluster tests (NodeRestrictionTest).
 */
class NodeRestrictionPolicyTest {

  private static final String NAME = "mp-migratepages-operator-node-agent-node-restriction";
  private static final String REPORT_NAME =
      "mp-migratepages-operator-node-agent-report-node-restriction";
  private static final String AGENT_USER =
      "system:serviceaccount:" + Chart.NAMESPACE + ":mp-migratepages-operator-node-agent";

  @Test
  void matchesUpdatesOfNodeMigrationsAndTheirStatus() {
    JsonNode policy = Chart.render().one("ValidatingAdmissionPolicy", NAME);

    assertThat(policy.at("/apiVersion").asText()).isEqualTo("admissionregistration.k8s.io/v1");
    assertThat(policy.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
    JsonNode rules = policy.at("/spec/matchConstraints/resourceRules");
    assertThat(rules).hasSize(1);
    assertThat(texts(rules.get(0).path("apiGroups"))).containsExactly("migratepages.io");
    assertThat(texts(rules.get(0).path("operations"))).containsExactly("UPDATE");
    assertThat(texts(rules.get(0).path("resources")))
        .containsExactlyInAnyOrder("nodemigrations", "nodemigrations/status");
  }

  @Test
  void appliesOnlyToTheAgentsServiceAccount() {
    JsonNode conditions =
        Chart.render().one("ValidatingAdmissionPolicy", NAME).at("/spec/matchConditions");

    assertThat(conditions).hasSize(1);
    assertThat(conditions.get(0).path("expression").asText())
        .isEqualTo("request.userInfo.username == '" + AGENT_USER + "'");
  }

  @Test
  void followsAnExistingServiceAccountsName() {
    JsonNode conditions =
        Chart.render("agent.serviceAccount.create=false", "agent.serviceAccount.name=numa-agent")
            .one("ValidatingAdmissionPolicy", NAME)
            .at("/spec/matchConditions");

    assertThat(conditions.get(0).path("expression").asText())
        .isEqualTo(
            "request.userInfo.username == 'system:serviceaccount:"
                + Chart.NAMESPACE
                + ":numa-agent'");
  }

  @Test
  void comparesTheTokensNodeWithTheNodeLabel() {
    String cel = Chart.render().one("ValidatingAdmissionPolicy", NAME).at("/spec").toString();

    assertThat(cel)
        .contains("authentication.kubernetes.io/node-name")
        .contains("object.metadata.labels['migratepages.io/node']")
        .contains("oldObject.metadata.labels['migratepages.io/node']");
  }

  @Test
  void keepsEachAgentToTheNodeNumaReportNamedAfterItsNode() {
    JsonNode policy = Chart.render().one("ValidatingAdmissionPolicy", REPORT_NAME);

    assertThat(policy.at("/spec/failurePolicy").asText()).isEqualTo("Fail");
    JsonNode rules = policy.at("/spec/matchConstraints/resourceRules");
    assertThat(rules).hasSize(1);
    assertThat(texts(rules.get(0).path("operations"))).containsExactly("CREATE", "UPDATE");
    assertThat(texts(rules.get(0).path("resources")))
        .containsExactlyInAnyOrder("nodenumareports", "nodenumareports/status");
    assertThat(policy.at("/spec/matchConditions/0/expression").asText())
        .isEqualTo("request.userInfo.username == '" + AGENT_USER + "'");
    assertThat(policy.at("/spec/validations").toString())
        .contains("object.metadata.name == variables.tokenNode")
        .contains("variables.specNode == variables.tokenNode");
    JsonNode binding = Chart.render().one("ValidatingAdmissionPolicyBinding", REPORT_NAME);
    assertThat(texts(binding.at("/spec/validationActions"))).containsExactly("Deny");
  }

  @Test
  void isBoundWithDeny() {
    JsonNode binding = Chart.render().one("ValidatingAdmissionPolicyBinding", NAME);

    assertThat(binding.at("/spec/policyName").asText()).isEqualTo(NAME);
    assertThat(texts(binding.at("/spec/validationActions"))).containsExactly("Deny");
  }

  @Test
  void canBeTurnedOff() {
    Manifests off = Chart.render("agent.nodeRestriction.enabled=false");

    assertThat(off.ofKind("ValidatingAdmissionPolicy")).isEmpty();
    assertThat(off.ofKind("ValidatingAdmissionPolicyBinding")).isEmpty();
  }

  @Test
  void isLeftOutBeforeKubernetes130WhereNeitherThePolicyApiNorTheTokensNodeExist() {
    Manifests old = Chart.renderForKubeVersion("1.29.4");

    assertThat(old.ofKind("ValidatingAdmissionPolicy")).isEmpty();
    assertThat(old.ofKind("ValidatingAdmissionPolicyBinding")).isEmpty();
    assertThat(Chart.renderForKubeVersion("1.30.0").ofKind("ValidatingAdmissionPolicy")).hasSize(2);
  }

  @Test
  void rejectsAValueThatIsNotABoolean() {
    assertThat(Chart.renderErrorWithValues("agent: {nodeRestriction: {enabled: maybe}}"))
        .contains("enabled");
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
