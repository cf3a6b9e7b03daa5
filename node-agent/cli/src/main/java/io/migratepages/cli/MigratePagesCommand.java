package io.migratepages.cli;

import io.migratepages.api.format.ControlCharacters;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code migratepages PID FROM-NODES TO-NODES}, numactl-compatible, plus --dry-run, --json and the
 * bounded mode.
 */
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
          + " with memory). TO-NODES may also be local: the NUMA nodes of the CPUs the process may"
          + " run on (its threads' CPU affinity, read now); FROM-NODES all then means every other"
          + " node with memory.",
      "By default one migrate_pages(2) call moves everything, holding the process for the whole"
          + " move. --bounded moves the pages with move_pages(2) in batches sized so that each"
          + " call takes at most --max-pause, optionally at most --rate bytes per second, and"
          + " reports why any page did not move."
    },
    footer = {
      "Exit status: 0 on success (also when some pages could not be moved; the count goes to"
          + " stderr), 1 on any error, including a process that exited (or is a zombie) before or"
          + " while its pages moved.",
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
      description =
          "show where the pages are, what would move (with --bounded: the batches) and what local"
              + " resolves to; move nothing")
  boolean dryRun;

  @Option(
      names = "--json",
      description =
          "print exactly one JSON object on stdout, also on failure (with \"error\"; usage errors"
              + " included)")
  boolean json;

  @Option(
      names = "--bounded",
      description =
          "move in batches of move_pages(2), each call held to --max-pause (default 10ms), instead"
              + " of one migrate_pages(2) call")
  boolean bounded;

  @Option(
      names = "--max-pause",
      paramLabel = "DURATION",
      description =
          "longest time one batch may hold the process, 100us to 10s (e.g. 500us, 10ms, 1s;"
              + " default 10ms); implies --bounded")
  String maxPause;

  @Option(
      names = "--rate",
      paramLabel = "BYTES",
      description =
          "move at most BYTES per second on average (K, M, G, T: powers of 1024, e.g. 200M);"
              + " implies --bounded")
  String rate;

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

  /**
   * Parses and runs; returns the exit status (0 success, 1 any error or usage). With --json, every
   * outcome, usage errors included, prints exactly one JSON object on stdout.
   */
  public static int execute(CliContext context, String... args) {
    RawArguments raw = new RawArguments(args);
    if (raw.versionAlone()) {
      // The same lines picocli prints, without building its model (about a third of the run).
      CliVersion.lines().forEach(context.out()::println);
      context.out().flush();
      return 0;
    }
    boolean json = raw.jsonRequested();
    CommandLine commandLine = new CommandLine(new MigratePagesCommand(context));
    commandLine.setOut(context.out());
    commandLine.setErr(context.err());
    commandLine.setExpandAtFiles(false);
    commandLine.setParameterExceptionHandler(
        (problem, ignored) ->
            usageError(context, json, problem.getMessage(), problem.getCommandLine()));
    commandLine.setExecutionExceptionHandler(
        (problem, ignored, parsed) -> {
          String message = "internal error: " + problem;
          if (json) {
            context.out().println(JsonReport.error(null, message, null));
          }
          context.err().println("migratepages: " + ControlCharacters.escape(message));
          return 1;
        });
    Optional<String> misplacedHelp = raw.misplacedHelp();
    int status =
        misplacedHelp.isPresent()
            ? usageError(context, json, misplacedHelp.get(), commandLine)
            : commandLine.execute(args);
    context.out().flush();
    context.err().flush();
    return status;
  }

  private static int usageError(
      CliContext context, boolean json, String message, CommandLine commandLine) {
    if (json) {
      context.out().println(JsonReport.usageError(message));
    }
    context.err().println("migratepages: " + ControlCharacters.escape(message));
    commandLine.usage(context.err());
    return 1;
  }
}
