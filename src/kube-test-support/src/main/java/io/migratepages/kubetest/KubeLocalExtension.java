package io.migratepages.kubetest;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one control plane with {@code bin/kube-local} for the whole test run (starting takes
 * seconds, so every class shares it) and stops it when the run ends, leaving no process behind. Its
 * directory is the system property {@code migratepages.kube-local.dir}; logs are in its {@code
 * logs/}.
 */
public final class KubeLocalExtension implements BeforeAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(KubeLocalExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    controlPlane(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    Class<?> type = parameter.getParameter().getType();
    return type == KubernetesClient.class || type == KubeLocal.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    KubeLocal kubeLocal = controlPlane(context);
    if (parameter.getParameter().getType() == KubeLocal.class) {
      return kubeLocal;
    }
    return classContext(context)
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "client", key -> new ClosingClient(kubeLocal.newAdminClient()), ClosingClient.class)
        .client();
  }

  private static KubeLocal controlPlane(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            "control-plane",
            key ->
                new Running(
                    KubeLocal.startFresh(repo(), Path.of(property("migratepages.kube-local.dir")))),
            Running.class)
        .kubeLocal();
  }

  /** One client per test class, closed after it. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext current = context;
    while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
      current = current.getParent().get();
    }
    return current;
  }

  private static Path repo() {
    return Path.of(property("migratepages.repo.dir")).toAbsolutePath().normalize();
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(
          "system property " + name + " is not set (the module's pom sets it for surefire)");
    }
    return value;
  }

  private record Running(KubeLocal kubeLocal) implements AutoCloseable {
    @Override
    public void close() {
      kubeLocal.stop();
    }
  }

  private record ClosingClient(KubernetesClient client) implements AutoCloseable {
    @Override
    public void close() {
      client.close();
    }
  }
}
