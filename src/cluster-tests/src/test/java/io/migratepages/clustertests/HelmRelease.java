package io.migratepages.clustertests;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.Release;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RepoFiles;
import java.nio.file.Path;

/**
 * One release of the chart in {@code helm/migratepages-operator}, installed with the real Helm
 * engine (helm-java) into the real API server, with the chart's default values.
 */
final class HelmRelease {

  /** Seconds; Helm's own default. Nothing waits for pods: no kubelet runs, they stay Pending. */
  private static final int TIMEOUT_SECONDS = 300;

  private final String name;
  private final String namespace;
  private final Path kubeconfig;
  private final Release release;

  private HelmRelease(String name, String namespace, Path kubeconfig, Release release) {
    this.name = name;
    this.namespace = namespace;
    this.kubeconfig = kubeconfig;
    this.release = release;
  }

  static Path chart() {
    return RepoFiles.repo().resolve("helm/migratepages-operator");
  }

  /** {@code helm install NAME helm/migratepages-operator -n NAMESPACE --create-namespace}. */
  static HelmRelease install(KubeLocal kubeLocal, String name, String namespace) {
    Release release =
        new Helm(chart())
            .install()
            .withName(name)
            .withNamespace(namespace)
            .createNamespace()
            .withKubeConfig(kubeLocal.kubeconfig())
            .withTimeout(TIMEOUT_SECONDS)
            .call();
    return new HelmRelease(name, namespace, kubeLocal.kubeconfig(), release);
  }

  /** {@code helm uninstall NAME -n NAMESPACE}; returns what Helm printed. */
  String uninstall() {
    return Helm.uninstall(name).withNamespace(namespace).withKubeConfig(kubeconfig).call();
  }

  String name() {
    return name;
  }

  String namespace() {
    return namespace;
  }

  Release release() {
    return release;
  }

  /** The chart's names: {@code <release>-migratepages-operator} (fullname) for the operator. */
  String operatorName() {
    return name + "-migratepages-operator";
  }

  String agentName() {
    return operatorName() + "-node-agent";
  }
}
