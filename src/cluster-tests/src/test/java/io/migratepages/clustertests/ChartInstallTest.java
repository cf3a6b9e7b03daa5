package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * {@code helm install} of the chart, with its default values, into the real API server: every
 * object is accepted and exists; {@code helm uninstall} removes all of them but the CRDs (Helm
 * never deletes what it installed from {@code crds/}).
 */
@RealControlPlane
class ChartInstallTest {

  private static final List<String> CRDS =
      List.of("numamigrations.migratepages.io", "nodemigrations.migratepages.io");
  private static final long POD_GARBAGE_COLLECTION_SECONDS = 60;

  @Test
  void installCreatesTheChartsObjectsAndUninstallRemovesThemButTheCrds(
      KubeLocal kubeLocal, KubernetesClient client) {
    String namespace = "chart-install-" + UUID.randomUUID().toString().substring(0, 8);
    HelmRelease release = HelmRelease.install(kubeLocal, "mp-install", namespace);

    assertThat(release.release().getStatus()).isEqualTo("deployed");
    Map<String, Supplier<HasMetadata>> chartObjects = chartObjects(client, release);
    assertThat(existing(chartObjects))
        .as("the chart's objects in namespace %s and cluster-wide", namespace)
        .containsExactlyElementsOf(chartObjects.keySet());
    assertThat(existing(crds(client))).containsExactlyElementsOf(crds(client).keySet());
    assertThat(
            client
                .apps()
                .deployments()
                .inNamespace(namespace)
                .withName(release.operatorName())
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getServiceAccountName())
        .isEqualTo(release.operatorName());
    assertThat(
            client
                .apps()
                .daemonSets()
                .inNamespace(namespace)
                .withName(release.agentName())
                .get()
                .getSpec()
                .getTemplate()
                .getSpec()
                .getServiceAccountName())
        .isEqualTo(release.agentName());

    String uninstalled = release.uninstall();

    assertThat(uninstalled).contains("mp-install");
    assertThat(existing(chartObjects))
        .as("what helm uninstall left of the chart's objects")
        .isEmpty();
    assertThat(client.secrets().inNamespace(namespace).list().getItems())
        .as("Helm's release records (Secrets sh.helm.release.v1.*)")
        .noneMatch(s -> s.getMetadata().getName().startsWith("sh.helm.release.v1.mp-install."));
    assertThat(existing(crds(client)))
        .as("CRDs, which Helm keeps")
        .containsExactlyElementsOf(crds(client).keySet());
    // The Deployment's Pending pod goes with it (background cascade by the garbage collector).
    client
        .pods()
        .inNamespace(namespace)
        .informOnCondition(List::isEmpty)
        .orTimeout(POD_GARBAGE_COLLECTION_SECONDS, TimeUnit.SECONDS)
        .join();
    client.namespaces().withName(namespace).delete();
  }

  /** The chart's objects (with default values) by "Kind name", each as the API server has it. */
  private static Map<String, Supplier<HasMetadata>> chartObjects(
      KubernetesClient client, HelmRelease release) {
    String ns = release.namespace();
    String operator = release.operatorName();
    String agent = release.agentName();
    String lease = operator + "-leader-election";
    Map<String, Supplier<HasMetadata>> objects = new LinkedHashMap<>();
    objects.put(
        "ServiceAccount " + operator,
        () -> client.serviceAccounts().inNamespace(ns).withName(operator).get());
    objects.put(
        "ServiceAccount " + agent,
        () -> client.serviceAccounts().inNamespace(ns).withName(agent).get());
    objects.put(
        "ClusterRole " + operator, () -> client.rbac().clusterRoles().withName(operator).get());
    objects.put("ClusterRole " + agent, () -> client.rbac().clusterRoles().withName(agent).get());
    objects.put(
        "ClusterRoleBinding " + operator,
        () -> client.rbac().clusterRoleBindings().withName(operator).get());
    objects.put(
        "ClusterRoleBinding " + agent,
        () -> client.rbac().clusterRoleBindings().withName(agent).get());
    objects.put("Role " + lease, () -> client.rbac().roles().inNamespace(ns).withName(lease).get());
    objects.put(
        "RoleBinding " + lease,
        () -> client.rbac().roleBindings().inNamespace(ns).withName(lease).get());
    objects.put(
        "Deployment " + operator,
        () -> client.apps().deployments().inNamespace(ns).withName(operator).get());
    objects.put(
        "DaemonSet " + agent,
        () -> client.apps().daemonSets().inNamespace(ns).withName(agent).get());
    objects.put(
        "Service " + operator + "-metrics",
        () -> client.services().inNamespace(ns).withName(operator + "-metrics").get());
    return objects;
  }

  private static Map<String, Supplier<HasMetadata>> crds(KubernetesClient client) {
    Map<String, Supplier<HasMetadata>> crds = new LinkedHashMap<>();
    for (String name : CRDS) {
      crds.put(
          "CustomResourceDefinition " + name,
          () -> client.apiextensions().v1().customResourceDefinitions().withName(name).get());
    }
    return crds;
  }

  private static List<String> existing(Map<String, Supplier<HasMetadata>> objects) {
    return objects.entrySet().stream()
        .filter(e -> e.getValue().get() != null)
        .map(Map.Entry::getKey)
        .toList();
  }
}
