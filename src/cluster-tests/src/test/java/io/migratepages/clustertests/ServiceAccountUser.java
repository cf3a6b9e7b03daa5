package io.migratepages.clustertests;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.migratepages.kubetest.KubeLocal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/** The user the API server authenticates a ServiceAccount's token as, with its groups. */
record ServiceAccountUser(String namespace, String name) {

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
    try {
      Config config = Config.fromKubeconfig(Files.readString(kubeLocal.kubeconfig()));
      config.setImpersonateUsername(username());
      config.setImpersonateGroups(groups().toArray(String[]::new));
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
