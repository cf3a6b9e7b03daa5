package io.migratepages.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code migratepages PID FROM-NODES TO-NODES}, numactl-compatible, plus --dry-run and --json. */
@Command(
    name = "migratepages",
    mixinStandardHelpOptions = true,
    versionProvider = CliVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "Move the pages of process PID that are on FROM-NODES to TO-NODES, keeping their relative"
          + " placement: the n-th node of FROM-NODES goes to the n-th node of TO-NODES.",
      "Node specs: all, N, N,M, N-M, !spec (all nodes with memory except spec), +N (N-th node"
          + " with memory)."
    },
    footer = {
      "Exit status: 0 on success (also when some pages could not be moved; the count goes to"
          + " stderr), 1 on any error.",
      "Moving shared pages needs CAP_SYS_NICE; another user's process needs CAP_SYS_PTRACE."
    })
public final class MigratePagesCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "PID", description = "the process whose pages move")
  String pid;

  @Parameters(index = "1", paramLabel = "FROM-NODES", description = "nodes to move pages away from")
  String from;

  @Parameters(index = "2", paramLabel = "TO-NODES", description = "nodes to move pages to")
  String to;

  @Option(
      names = "--dry-run",
      description = "show where the pages are and what would move; move nothing")
  boolean dryRun;

  @Option(names = "--json", description = "print one JSON object on stdout")
  boolean json;

  @Option(
      names = {"-v", "--verbose"},
      description = "print placement before and after, and the syscall's duration")
  boolean verbose;

  private final CliContext context;

  MigratePagesCommand(CliContext context) {
    this.context = context;
  }

  @Override
  public Integer call() {
    return new MigrationRun(this, context).run();
  }

  public static void main(String[] args) {
    System.exit(execute(CliContext.real(), args));
  }

  /** Parses and runs; returns the exit status (0 success, 1 any error or usage). */
  public static int execute(CliContext context, String... args) {
    CommandLine commandLine = new CommandLine(new MigratePagesCommand(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExpandAtFiles(false);
    commandLine.setParameterExceptionHandler(
        (problem, ignored) -> {
          context.err().println("migratepages: " + problem.getMessage());
          problem.getCommandLine().usage(context.err());
          return 1;
        });
    commandLine.setExecutionExceptionHandler(
        (problem, ignored, parsed) -> {
          context.err().println("migratepages: internal error: " + problem);
          return 1;
        });
    int status = commandLine.execute(args);
    context.out().flush();
    context.err().flush();
    return status;
  }
}
