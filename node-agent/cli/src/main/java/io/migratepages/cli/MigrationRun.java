package io.migratepages.cli;

import io.migratepages.api.format.ControlCharacters;
import io.migratepages.engine.HostState;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.MigrationException;
import io.migratepages.engine.MigrationPreview;
import io.migratepages.engine.MigrationResult;
import io.migratepages.engine.MoveOptions;
import io.migratepages.engine.ProcessVerifier;
import io.migratepages.engine.bounded.NotMovedReasons;
import io.migratepages.engine.local.TargetNodes;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.numanodes.NumaNodeSpec.Role;
import java.util.List;

/** One invocation after picocli parsed it: validate, resolve, preview or migrate, report. */
final class MigrationRun {
  private static final int OK = 0;
  private static final int FAILED = 1;

  private final MigratePagesCommand args;
  private final CliContext context;
  private Integer pid;

  MigrationRun(MigratePagesCommand args, CliContext context) {
    this.args = args;
    this.context = context;
  }

  int run() {
    try {
      pid = ProcessIdArgument.parse(args.pid);
      MoveOptions options = MoveModeArguments.of(args.bounded, args.maxPause, args.rate);
      NumaNodeSpec fromSpec = NumaNodeSpec.parse(args.from, Role.SOURCE);
      NumaNodeSpec toSpec = NumaNodeSpec.parse(args.to, Role.DESTINATION);
      MigrationEngine engine = new MigrationEngine(context.host(), context.syscalls().get());
      HostState host = engine.readHost();
      TargetNodes targets =
          engine.resolveNodes(
              pid, fromSpec, toSpec, Role.SOURCE.argumentName(), Role.DESTINATION.argumentName());
      NumaNodeSet nodes = host.topology().online();
      return args.dryRun
          ? preview(engine.preview(pid, targets.from(), targets.to(), options), targets, nodes)
          : migrate(engine, targets, options, nodes);
    } catch (MigrationException e) {
      return fail(e.getMessage(), e);
    } catch (CliError | InvalidNumaNodeSpecException e) {
      return fail(e.getMessage(), null);
    }
  }

  private int preview(MigrationPreview preview, TargetNodes targets, NumaNodeSet nodes) {
    if (args.json) {
      context.out().println(new JsonReport(nodes).preview(preview, targets.local()));
    } else {
      new TextReport(nodes, context.out()).preview(preview, targets.local());
      warn(preview.preflight().warnings());
      preview.preflight().errors().forEach(e -> context.err().println("migratepages: " + safe(e)));
    }
    return preview.preflight().passed() ? OK : FAILED;
  }

  private int migrate(
      MigrationEngine engine, TargetNodes targets, MoveOptions options, NumaNodeSet nodes) {
    MigrationResult result =
        engine.migrate(pid, targets.from(), targets.to(), ProcessVerifier.acceptAll(), options);
    if (args.json) {
      context.out().println(new JsonReport(nodes).result(result, targets.local()));
    } else {
      if (args.verbose) {
        new TextReport(nodes, context.out()).result(result, targets.local());
      }
      warn(result.warnings());
    }
    if (result.pagesNotMoved() > 0) {
      context
          .err()
          .println("migratepages: " + result.pagesNotMoved() + " pages could not be moved");
      result
          .stats()
          .notMovedByReason()
          .forEach(
              (reason, pages) ->
                  context
                      .err()
                      .println(
                          "migratepages:   "
                              + pages
                              + " "
                              + reason
                              + ": "
                              + NotMovedReasons.meaning(reason)));
    }
    return result.processExited() ? FAILED : OK;
  }

  private void warn(List<String> warnings) {
    warnings.forEach(w -> context.err().println("migratepages: warning: " + safe(w)));
  }

  private int fail(String message, MigrationException cause) {
    if (args.json) {
      context.out().println(JsonReport.error(pid, message, cause));
    }
    context.err().println("migratepages: " + safe(message));
    return FAILED;
  }

  /** Messages can echo the user's input or a process name: never raw control characters. */
  private static String safe(String message) {
    return ControlCharacters.escape(message);
  }
}
