package io.migratepages.agent.adapters;

import io.migratepages.agent.port.MoveCalls;
import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.MigrationException;
import io.migratepages.engine.MigrationResult;
import io.migratepages.engine.MoveMode;
import io.migratepages.engine.MoveStats;

/**
 * {@link PageMigrator} on the engine: pidfd guard, the check, numa_maps, migrate_pages (or
 * move_pages in batches in bounded mode).
 */
public final class EnginePageMigrator implements PageMigrator {
  private final MigrationEngine engine;

  public EnginePageMigrator(MigrationEngine engine) {
    this.engine = engine;
  }

  @Override
  public ProcessOutcome migrate(int pid, NumaNodeSelection nodes, ProcessCheck check) {
    MigrationResult result;
    try {
      result =
          engine.migrate(pid, nodes.from(), nodes.to(), check::rejectionReason, nodes.options());
    } catch (MigrationException e) {
      return switch (e.reason()) {
        // gone (or a zombie) before its pages moved, or its PID no longer names the container's
        // process
        case NO_SUCH_PROCESS, PROCESS_EXITED, PROCESS_REJECTED ->
            new ProcessOutcome.Exited(pid, e.getMessage());
        default -> new ProcessOutcome.Failed(pid, e.getMessage());
      };
    }
    if (result.processExited()) {
      return new ProcessOutcome.Exited(pid, String.join("; ", result.warnings()));
    }
    boolean afterKnown = !result.after().bytes().isEmpty() || result.before().bytes().isEmpty();
    return new ProcessOutcome.Moved(
        pid,
        result.before().bytes(),
        result.after().bytes(),
        afterKnown,
        result.pagesNotMoved(),
        result.elapsedNanos(),
        result.warnings(),
        calls(result));
  }

  private static MoveCalls calls(MigrationResult result) {
    if (result.mode() == MoveMode.WHOLE || result.stats() == null) {
      return MoveCalls.whole(result.elapsedNanos(), result.pagesNotMoved());
    }
    MoveStats stats = result.stats();
    return new MoveCalls(
        result.mode(), stats.calls(), stats.longestCallNanos(), stats.notMovedByReason());
  }
}
