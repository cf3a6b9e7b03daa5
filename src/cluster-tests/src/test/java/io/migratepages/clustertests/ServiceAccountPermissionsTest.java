package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the chart's two ServiceAccounts may do once {@code helm install} put its RBAC into the real
 * API server: exactly what the operator's and the agent's code calls, and nothing more.
 *
 * <p>Each grant names the code that needs it. Reads go through JOSDK informers (list, watch) except
 * where the code calls {@code get()} itself; fabric8's {@code update()} and {@code updateStatus()}
 * send the resourceVersion they hold and do not read first.
 */
@RealControlPlane
class ServiceAccountPermissionsTest {

  static final String RELEASE = "mp-rbac";
  static final String NAMESPACE = "mp-rbac-system";

  /** Any namespace of the cluster's users, where NumaMigrations and their pods live. */
  static final String WORKLOADS = "workloads";

  /** Cluster-scoped resources, and list or watch across all namespaces. */
  static final String CLUSTER = "";

  static final ServiceAccountUser OPERATOR =
      new ServiceAccountUser(NAMESPACE, RELEASE + "-migratepages-operator");
  static final ServiceAccountUser AGENT =
      new ServiceAccountUser(NAMESPACE, RELEASE + "-migratepages-operator-node-agent");

  /** Holds only what every authenticated user has (discovery, self reviews). */
  static final ServiceAccountUser WITHOUT_BINDINGS =
      new ServiceAccountUser(NAMESPACE, "without-bindings");

  static final String API_GROUP = "migratepages.io";

  /** The operator's ClusterRole. */
  static final List<Grant> OPERATOR_EVERYWHERE =
      concat(
          // NumaMigrationReconciler: JOSDK's informer on the primary resource in all namespaces.
          Grant.of(API_GROUP, "numamigrations", "list", "watch"),
          // NumaMigrationStatusRecorder.write: updateStatus() (PUT .../status).
          Grant.of(API_GROUP, "numamigrations/status", "update"),
          // NodeMigrationDispatcher.desired sets an owner reference with blockOwnerDeletion; where
          // OwnerReferencesPermissionEnforcement is on (OpenShift), that needs update on the
          // owner's
          // finalizers.
          Grant.of(API_GROUP, "numamigrations/finalizers", "update"),
          // The NodeMigration informer (list, watch); NodeMigrationDispatcher: list by label,
          // create, update (a new generation; withdraw), delete (nodes no longer targeted).
          Grant.of(API_GROUP, "nodemigrations", "list", "watch", "create", "update", "delete"),
          // TargetResolver: get (spec.podName) or list (spec.selector); no pod informer.
          Grant.of("", "pods", "get", "list"),
          // MigrationEvents.publish: core/v1 Events, created with unique names, never patched.
          Grant.of("", "events", "create"),
          // NumaPlacementPolicyReconciler: its informer, and its status recorder's updateStatus().
          Grant.of(API_GROUP, "numaplacementpolicies", "list", "watch"),
          Grant.of(API_GROUP, "numaplacementpolicies/status", "update"),
          // PolicyMoveWriter: owner reference with blockOwnerDeletion on the NumaMigrations.
          Grant.of(API_GROUP, "numaplacementpolicies/finalizers", "update"),
          // PolicyMoveWriter creates NumaMigrations and deletes the policy's expired history; the
          // informer on them is the one NumaMigrationReconciler already needs.
          Grant.of(API_GROUP, "numamigrations", "create", "delete"),
          // The policy reconciler's informer on NodeNumaReports (cluster-scoped).
          Grant.of(API_GROUP, "nodenumareports", "list", "watch"));

  /** The operator's Role in the release namespace: fabric8's LeaseLock under JOSDK. */
  static final List<Grant> OPERATOR_IN_RELEASE_NAMESPACE =
      Grant.of("coordination.k8s.io", "leases", "get", "create", "update");

  /** The agent's ClusterRole. */
  static final List<Grant> AGENT_EVERYWHERE =
      concat(
          // The agent's NodeMigrationReconciler: informer (list, watch) by its node's label;
          // NodeMigrationStatusWriter.latest: get after a conflict.
          Grant.of(API_GROUP, "nodemigrations", "get", "list", "watch"),
          // NodeMigrationStatusWriter.write: updateStatus() (PUT .../status).
          Grant.of(API_GROUP, "nodemigrations/status", "update"),
          // NodeNumaReportWriter: get its node's report, create it once.
          Grant.of(API_GROUP, "nodenumareports", "get", "create"),
          // NodeNumaReportWriter.write: updateStatus() (PUT .../status).
          Grant.of(API_GROUP, "nodenumareports/status", "update"),
          // NodeNumaReporting: informer on the pods with spec.nodeName = its node.
          Grant.of("", "pods", "list", "watch"),
          // NodeNumaReportWriter: its Node's UID for the report's owner reference.
          Grant.of("", "nodes", "get"));

  private static HelmRelease release;

  @BeforeAll
  static void install(KubeLocal kubeLocal) {
    release = HelmRelease.install(kubeLocal, RELEASE, NAMESPACE);
  }

  @AfterAll
  static void uninstall() {
    if (release != null) {
      release.uninstall();
    }
  }

  @Test
  void operatorHasExactlyTheGrantsItsCodeNeeds(KubeLocal kubeLocal) {
    assertThat(grantsBeyondEveryUsers(kubeLocal, OPERATOR, WORKLOADS))
        .containsExactlyInAnyOrderElementsOf(OPERATOR_EVERYWHERE);
    assertThat(grantsBeyondEveryUsers(kubeLocal, OPERATOR, NAMESPACE))
        .containsExactlyInAnyOrderElementsOf(
            concat(OPERATOR_EVERYWHERE, OPERATOR_IN_RELEASE_NAMESPACE));
  }

  @Test
  void agentHasExactlyTheGrantsItsCodeNeeds(KubeLocal kubeLocal) {
    assertThat(grantsBeyondEveryUsers(kubeLocal, AGENT, WORKLOADS))
        .containsExactlyInAnyOrderElementsOf(AGENT_EVERYWHERE);
    assertThat(grantsBeyondEveryUsers(kubeLocal, AGENT, NAMESPACE))
        .containsExactlyInAnyOrderElementsOf(AGENT_EVERYWHERE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("table")
  void accessReview(Request request, KubernetesClient client) {
    AccessReviews.Decision decision =
        AccessReviews.review(client, request.user(), request.grant(), request.namespace());
    assertThat(decision.allowed())
        .as("%s (API server's reason: '%s')", request, decision.reason())
        .isEqualTo(request.allowed());
  }

  /** Every grant the code needs, allowed; then what neither may do, denied. */
  static Stream<Request> table() {
    List<Request> rows = new ArrayList<>();
    for (Grant grant : OPERATOR_EVERYWHERE) {
      rows.add(Request.allowed(OPERATOR, grant, WORKLOADS));
      rows.add(Request.allowed(OPERATOR, grant, CLUSTER));
    }
    for (Grant grant : OPERATOR_IN_RELEASE_NAMESPACE) {
      rows.add(Request.allowed(OPERATOR, grant, NAMESPACE));
      rows.add(Request.denied(OPERATOR, grant, WORKLOADS));
      rows.add(Request.denied(OPERATOR, grant, "kube-system"));
    }
    for (Grant grant : AGENT_EVERYWHERE) {
      rows.add(Request.allowed(AGENT, grant, WORKLOADS));
      rows.add(Request.allowed(AGENT, grant, CLUSTER));
    }
    for (ServiceAccountUser user : List.of(OPERATOR, AGENT)) {
      deniedToBoth(user, rows);
    }
    deniedToTheOperator(rows);
    deniedToTheAgent(rows);
    return rows.stream();
  }

  private static void deniedToBoth(ServiceAccountUser user, List<Request> rows) {
    for (String namespace : List.of(WORKLOADS, NAMESPACE, CLUSTER)) {
      deny(rows, user, namespace, Grant.of("", "secrets", "get", "list", "watch"));
    }
    deny(rows, user, WORKLOADS, Grant.of("", "configmaps", "get", "list"));
    deny(rows, user, WORKLOADS, Grant.of(API_GROUP, "nodemigrations", "patch"));
    deny(rows, user, WORKLOADS, Grant.of(API_GROUP, "nodemigrations/status", "patch"));
    deny(rows, user, WORKLOADS, Grant.of("", "pods", "create", "update", "patch", "delete"));
    deny(rows, user, WORKLOADS, Grant.of("", "pods/exec", "create"));
    deny(rows, user, WORKLOADS, Grant.of("", "pods/eviction", "create"));
    deny(rows, user, WORKLOADS, Grant.of("", "events", "patch"));
    deny(rows, user, WORKLOADS, Grant.of("events.k8s.io", "events", "create", "patch"));
    deny(rows, user, CLUSTER, Grant.of("", "nodes", "list", "patch"));
    deny(rows, user, CLUSTER, Grant.of(API_GROUP, "nodenumareports", "update", "patch", "delete"));
    deny(rows, user, CLUSTER, Grant.of(API_GROUP, "nodenumareports/status", "patch"));
    deny(rows, user, CLUSTER, Grant.of("", "nodes/status", "patch"));
    deny(rows, user, CLUSTER, Grant.of("", "namespaces", "create", "delete"));
    deny(rows, user, NAMESPACE, Grant.of("", "serviceaccounts/token", "create"));
    deny(rows, user, NAMESPACE, Grant.of("apps", "deployments", "update", "patch"));
    deny(rows, user, NAMESPACE, Grant.of("apps", "daemonsets", "update", "patch"));
    deny(rows, user, NAMESPACE, Grant.of("coordination.k8s.io", "leases", "delete", "list"));
    deny(
        rows,
        user,
        CLUSTER,
        Grant.of("rbac.authorization.k8s.io", "clusterroles", "create", "escalate", "bind"));
    deny(
        rows,
        user,
        CLUSTER,
        Grant.of("rbac.authorization.k8s.io", "clusterrolebindings", "create"));
    deny(rows, user, NAMESPACE, Grant.of("rbac.authorization.k8s.io", "rolebindings", "create"));
    deny(rows, user, CLUSTER, Grant.of("", "users", "impersonate"));
    deny(rows, user, CLUSTER, Grant.of("", "groups", "impersonate"));
    deny(rows, user, CLUSTER, Grant.of("", "serviceaccounts", "impersonate"));
    deny(
        rows,
        user,
        CLUSTER,
        Grant.of(
            "apiextensions.k8s.io", "customresourcedefinitions", "create", "update", "delete"));
    deny(
        rows,
        user,
        CLUSTER,
        Grant.of(
            "admissionregistration.k8s.io", "validatingadmissionpolicies", "create", "delete"));
  }

  private static void deniedToTheOperator(List<Request> rows) {
    // Users own NumaMigrations; the operator writes only their status.
    deny(
        rows, OPERATOR, WORKLOADS, Grant.of(API_GROUP, "numamigrations", "get", "update", "patch"));
    deny(rows, OPERATOR, WORKLOADS, Grant.of(API_GROUP, "numamigrations/status", "patch"));
    // Users own NumaPlacementPolicies; the operator writes only their status.
    deny(
        rows,
        OPERATOR,
        WORKLOADS,
        Grant.of(API_GROUP, "numaplacementpolicies", "get", "create", "update", "patch", "delete"));
    deny(rows, OPERATOR, WORKLOADS, Grant.of(API_GROUP, "numaplacementpolicies/status", "patch"));
    // Only the agents write a NodeMigration's status.
    deny(rows, OPERATOR, WORKLOADS, Grant.of(API_GROUP, "nodemigrations/status", "update"));
    deny(rows, OPERATOR, WORKLOADS, Grant.of("", "pods", "watch"));
    deny(rows, OPERATOR, CLUSTER, Grant.of("", "nodes", "get"));
    deny(rows, OPERATOR, CLUSTER, Grant.of(API_GROUP, "nodenumareports", "get", "create"));
  }

  private static void deniedToTheAgent(List<Request> rows) {
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "nodemigrations", "create", "update"));
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "nodemigrations", "delete"));
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "numamigrations", "get", "list", "watch"));
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "numamigrations", "update", "patch"));
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "numamigrations/status", "update"));
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "numamigrations", "create", "delete"));
    deny(rows, AGENT, WORKLOADS, Grant.of(API_GROUP, "numaplacementpolicies", "list", "watch"));
    // list and watch only, for its node's pods (a field selector RBAC cannot narrow)
    deny(rows, AGENT, WORKLOADS, Grant.of("", "pods", "get"));
    deny(rows, AGENT, WORKLOADS, Grant.of("", "events", "create"));
    deny(rows, AGENT, NAMESPACE, Grant.of("coordination.k8s.io", "leases", "get", "create"));
    deny(rows, AGENT, NAMESPACE, Grant.of("coordination.k8s.io", "leases", "update"));
  }

  private static void deny(
      List<Request> rows, ServiceAccountUser user, String namespace, List<Grant> grants) {
    grants.forEach(grant -> rows.add(Request.denied(user, grant, namespace)));
  }

  /** The user's grants in NAMESPACE minus those of a ServiceAccount bound to nothing. */
  private static Set<Grant> grantsBeyondEveryUsers(
      KubeLocal kubeLocal, ServiceAccountUser user, String namespace) {
    Set<Grant> grants = new LinkedHashSet<>(AccessReviews.rules(kubeLocal, user, namespace));
    grants.removeAll(AccessReviews.rules(kubeLocal, WITHOUT_BINDINGS, namespace));
    return grants;
  }

  @SafeVarargs
  private static List<Grant> concat(List<Grant>... lists) {
    return Stream.of(lists).flatMap(List::stream).toList();
  }

  /** One row of the table: may USER do GRANT in NAMESPACE? */
  record Request(ServiceAccountUser user, Grant grant, String namespace, boolean allowed) {

    static Request allowed(ServiceAccountUser user, Grant grant, String namespace) {
      return new Request(user, grant, namespace, true);
    }

    static Request denied(ServiceAccountUser user, Grant grant, String namespace) {
      return new Request(user, grant, namespace, false);
    }

    @Override
    public String toString() {
      return (user == OPERATOR ? "operator" : "agent")
          + (allowed ? " may " : " may not ")
          + grant
          + (namespace.isEmpty() ? " cluster-wide" : " in " + namespace);
    }
  }
}
