package io.migratepages.kubectl;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * Which cluster and namespace, as kubectl chooses them: --kubeconfig, else $KUBECONFIG, else
 * ~/.kube/config; --context, else the current context; -n, else the context's namespace, else
 * "default" (the commands that take -n). kubectl passes none of its own flags to a plugin: they
 * reach us as typed.
 */
final class ClusterOptions {
  @Spec(Spec.Target.MIXEE)
  picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--kubeconfig",
      paramLabel = "FILE",
      description = "Path to the kubeconfig file (default: $KUBECONFIG or ~/.kube/config).")
  Path kubeconfig;

  @Option(names = "--context", paramLabel = "NAME", description = "The kubeconfig context to use.")
  String context;

  Config config() {
    if (kubeconfig == null) {
      return Config.autoConfigure(context);
    }
    try {
      return Config.fromKubeconfig(
          context,
          Files.readString(kubeconfig, StandardCharsets.UTF_8),
          kubeconfig.toAbsolutePath().toString());
    } catch (java.nio.file.NoSuchFileException e) {
      throw new ParameterException(
          spec.commandLine(), "--kubeconfig " + kubeconfig + ": no such file");
    } catch (IOException e) {
      throw new ParameterException(
          spec.commandLine(), "--kubeconfig " + kubeconfig + ": cannot read it: " + e);
    }
  }

  KubernetesClient client() {
    return new KubernetesClientBuilder().withConfig(config()).build();
  }

  /** {@code namespace} if given, else the context's, else "default". */
  static String namespace(String namespace, KubernetesClient client) {
    if (namespace != null && !namespace.isBlank()) {
      return namespace;
    }
    String fromContext = client.getConfiguration().getNamespace();
    return fromContext == null || fromContext.isBlank() ? "default" : fromContext;
  }
}
