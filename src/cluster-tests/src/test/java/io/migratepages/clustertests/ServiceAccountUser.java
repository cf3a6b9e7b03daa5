package io.migratepages.clustertests;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.migratepages.kubetest.KubeLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;

/** The user the API server authenticates a ServiceAccount's token as, with its groups. */
record ServiceAccountUser(String namespace, String name) {

  /** The extra a ServiceAccount token bound to a pod carries: the pod's node. */
  static final String NODE_NAME_EXTRA = "authentication.kubernetes.io/node-name";

  String username() {
    return "system:serviceaccount:" + namespace + ":" + name;
  }

  List<String> groups() {
    return List.of(
        "system:serviceaccounts", "system:serviceaccounts:" + namespace, "system:authenticated");
  }

  /**
   * A client that acts as this ServiceAccount: cluster-admin credentials impersonating its user and
   * groups, so RBAC judges every request as it would judge the ServiceAccount's own token.
   */
  KubernetesClient newClient(KubeLocal kubeLocal) {
    return newClient(kubeLocal, Map.of());
  }

  /**
   * As {@link #newClient(KubeLocal)}, with the node name a token bound to a pod on NODE carries
   * (the chart's node-restriction policy lets an agent write only its own node's objects).
   */
  KubernetesClient newClientOnNode(KubeLocal kubeLocal, String node) {
    // Extra keys travel in header names (Impersonate-Extra-<key>), where '/' must be
    // percent-encoded; the API server decodes them.
    return newClient(kubeLocal, Map.of(NODE_NAME_EXTRA.replace("/", "%2F"), List.of(node)));
  }

  private KubernetesClient newClient(KubeLocal kubeLocal, Map<String, List<String>> extra) {
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeLocal.kubeconfig()));
      config.setImpersonateUsername(username());
      config.setImpersonateGroups(groups().toArray(String[]::new));
      config.setImpersonateExtras(extra);
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeLocal.kubeconfig(), e);
    }
  }

  @Override
  public String toString() {
    return username();
  }
}
