package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * RBAC rules are compared as whole lists: nothing missing, nothing extra, no wildcards. The lists
 * are what the code calls; the cluster tests (ServiceAccountPermissionsTest) check them against the
 * real API server's authorizer.
 */
class RbacTest {

  private static final Manifests DEFAULT = Chart.render();
  private static final String OPERATOR = "mp-migratepages-operator";
  private static final String AGENT = "mp-migratepages-operator-node-agent";

  /** One (apiGroup, resource, verb) permission. */
  record Grant(String apiGroup, String resource, String verb) {}

  private static List<Grant> grants(JsonNode role) {
    List<Grant> grants = new ArrayList<>();
    for (JsonNode rule : role.path("rules")) {
      assertThat(rule.has("resourceNames") || rule.has("nonResourceURLs"))
          .as("rules in %s use only apiGroups/resources/verbs", role.at("/metadata/name"))
          .isFalse();
      for (JsonNode group : rule.path("apiGroups")) {
        for (JsonNode resource : rule.path("resources")) {
          for (JsonNode verb : rule.path("verbs")) {
            grants.add(new Grant(group.asText(), resource.asText(), verb.asText()));
          }
        }
      }
    }
    return grants;
  }

  private static List<Grant> expand(String group, String resource, String... verbs) {
    List<Grant> out = new ArrayList<>();
    for (String verb : verbs) {
      out.add(new Grant(group, resource, verb));
    }
    return out;
  }

  @Test
  void operatorClusterRoleIsExactlyTheAgreedList() {
    List<Grant> expected = new ArrayList<>();
    expected.addAll(expand("migratepages.io", "numamigrations", "list", "watch"));
    expected.addAll(expand("migratepages.io", "numamigrations/status", "update"));
    expected.addAll(expand("migratepages.io", "numamigrations/finalizers", "update"));
    expected.addAll(
        expand("migratepages.io", "nodemigrations", "list", "watch", "create", "update", "delete"));
    expected.addAll(expand("", "pods", "get", "list"));
    expected.addAll(expand("", "events", "create"));
    expected.addAll(expand("migratepages.io", "numaplacementpolicies", "list", "watch"));
    expected.addAll(expand("migratepages.io", "numaplacementpolicies/status", "update"));
    expected.addAll(expand("migratepages.io", "numaplacementpolicies/finalizers", "update"));
    expected.addAll(expand("migratepages.io", "numamigrations", "create", "delete"));
    expected.addAll(expand("migratepages.io", "nodenumareports", "list", "watch"));

    assertThat(grants(DEFAULT.one("ClusterRole", OPERATOR)))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void agentClusterRoleIsExactlyTheAgreedList() {
    List<Grant> expected = new ArrayList<>();
    expected.addAll(expand("migratepages.io", "nodemigrations", "get", "list", "watch"));
    expected.addAll(expand("migratepages.io", "nodemigrations/status", "update"));
    expected.addAll(expand("migratepages.io", "nodenumareports", "get", "create"));
    expected.addAll(expand("migratepages.io", "nodenumareports/status", "update"));
    expected.addAll(expand("", "pods", "list", "watch"));
    expected.addAll(expand("", "nodes", "get"));

    assertThat(grants(DEFAULT.one("ClusterRole", AGENT)))
        .containsExactlyInAnyOrderElementsOf(expected);
  }

  @Test
  void leaderElectionIsANamespacedRoleOnLeasesOnly() {
    JsonNode role = DEFAULT.one("Role");
    assertThat(role.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE);
    assertThat(grants(role))
        .containsExactlyInAnyOrderElementsOf(
            expand("coordination.k8s.io", "leases", "get", "create", "update"));

    JsonNode binding = DEFAULT.one("RoleBinding");
    assertThat(binding.at("/metadata/namespace").asText()).isEqualTo(Chart.NAMESPACE);
    assertThat(binding.at("/roleRef/kind").asText()).isEqualTo("Role");
    assertThat(binding.at("/roleRef/name").asText()).isEqualTo(role.at("/metadata/name").asText());
    assertThat(binding.at("/subjects/0/name").asText()).isEqualTo(OPERATOR);
    assertThat(binding.at("/subjects/0/namespace").asText()).isEqualTo(Chart.NAMESPACE);
  }

  @Test
  void noWildcardAnywhere() {
    for (String kind : List.of("ClusterRole", "Role")) {
      for (JsonNode role : DEFAULT.ofKind(kind)) {
        for (Grant grant : grants(role)) {
          assertThat(List.of(grant.apiGroup(), grant.resource(), grant.verb()))
              .as("%s %s", kind, role.at("/metadata/name").asText())
              .noneMatch(s -> s.contains("*"));
        }
      }
    }
  }

  @Test
  void onlyTheTwoClusterRolesAndTheLeaseRoleExist() {
    assertThat(DEFAULT.ofKind("ClusterRole"))
        .extracting(r -> r.at("/metadata/name").asText())
        .containsExactlyInAnyOrder(OPERATOR, AGENT);
    assertThat(DEFAULT.ofKind("Role")).hasSize(1);
  }

  @Test
  void clusterRoleBindingsBindEachRoleToItsOwnServiceAccountInTheReleaseNamespace() {
    JsonNode op = DEFAULT.one("ClusterRoleBinding", OPERATOR);
    assertThat(op.at("/roleRef/name").asText()).isEqualTo(OPERATOR);
    assertThat(op.path("subjects")).hasSize(1);
    assertThat(op.at("/subjects/0/kind").asText()).isEqualTo("ServiceAccount");
    assertThat(op.at("/subjects/0/name").asText()).isEqualTo(OPERATOR);
    assertThat(op.at("/subjects/0/namespace").asText()).isEqualTo(Chart.NAMESPACE);

    JsonNode agent = DEFAULT.one("ClusterRoleBinding", AGENT);
    assertThat(agent.at("/roleRef/name").asText()).isEqualTo(AGENT);
    assertThat(agent.path("subjects")).hasSize(1);
    assertThat(agent.at("/subjects/0/name").asText()).isEqualTo(AGENT);
    assertThat(agent.at("/subjects/0/namespace").asText()).isEqualTo(Chart.NAMESPACE);

    assertThat(Pods.podSpec(DEFAULT.one("Deployment")).path("serviceAccountName").asText())
        .isEqualTo(OPERATOR);
    assertThat(Pods.podSpec(DEFAULT.one("DaemonSet")).path("serviceAccountName").asText())
        .isEqualTo(AGENT);
  }

  @Test
  void existingServiceAccountsCanBeUsed() {
    Manifests manifests =
        Chart.renderWithValues(
            """
            operator: {serviceAccount: {create: false, name: ops-sa}}
            agent: {serviceAccount: {create: false, name: agent-sa}}
            """);
    assertThat(manifests.ofKind("ServiceAccount")).isEmpty();
    assertThat(manifests.one("ClusterRoleBinding", OPERATOR).at("/subjects/0/name").asText())
        .isEqualTo("ops-sa");
    assertThat(manifests.one("ClusterRoleBinding", AGENT).at("/subjects/0/name").asText())
        .isEqualTo("agent-sa");
    assertThat(Pods.podSpec(manifests.one("DaemonSet")).path("serviceAccountName").asText())
        .isEqualTo("agent-sa");
  }
}
