package io.migratepages.kubectl;

import picocli.CommandLine.Option;

/** {@code -n NS}, for the commands that read namespaced objects. */
final class NamespaceOption {
  @Option(
      names = {"-n", "--namespace"},
      paramLabel = "NS",
      description = "The namespace (default: the context's, else default).")
  String namespace;
}
