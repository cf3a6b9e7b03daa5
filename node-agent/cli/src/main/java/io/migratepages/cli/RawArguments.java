package io.migratepages.cli;

import java.util.List;
import java.util.Optional;

/**
 * What the command line asks for before picocli parses it: whether the caller wants JSON (so that
 * even a usage error is reported as one JSON object), and a help or version option given where an
 * argument belongs ({@code migratepages 1 -h 0}), which numactl treats as a usage error.
 */
final class RawArguments {
  private static final List<String> POSITIONALS = List.of("PID", "FROM-NODES", "TO-NODES");
  private static final List<String> HELP_OPTIONS = List.of("-h", "--help", "-V", "--version");

  private final List<String> args;

  RawArguments(String... args) {
    this.args = List.of(args);
  }

  boolean jsonRequested() {
    for (String arg : args) {
      if (arg.equals("--")) {
        return false;
      }
      if (arg.equals("--json") || arg.startsWith("--json=")) {
        return true;
      }
    }
    return false;
  }

  /** {@code migratepages --version} (or {@code -V}) and nothing else. */
  boolean versionAlone() {
    return args.size() == 1 && (args.get(0).equals("--version") || args.get(0).equals("-V"));
  }

  /** Why a help or version option cannot be honoured where it stands, if it cannot. */
  Optional<String> misplacedHelp() {
    int positionals = 0;
    for (String arg : args) {
      if (arg.equals("--")) {
        return Optional.empty();
      }
      if (HELP_OPTIONS.contains(arg) && positionals > 0) {
        String where =
            positionals < POSITIONALS.size()
                ? "where " + POSITIONALS.get(positionals) + " is expected"
                : "after " + String.join(" ", POSITIONALS);
        return Optional.of(
            "\""
                + arg
                + "\" given "
                + where
                + " (to see the usage, run migratepages "
                + arg
                + " alone)");
      }
      if (!arg.startsWith("-") || arg.equals("-")) {
        positionals++;
      }
    }
    return Optional.empty();
  }
}
