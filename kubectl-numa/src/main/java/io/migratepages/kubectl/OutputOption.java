package io.migratepages.kubectl;

import picocli.CommandLine.Option;

/** {@code -o text|json}, the same on every command. */
final class OutputOption {
  @Option(
      names = {"-o", "--output"},
      paramLabel = "FORMAT",
      description = "text (default) or json.")
  OutputFormat format = OutputFormat.text;

  boolean json() {
    return format == OutputFormat.json;
  }
}
