package io.migratepages.engine;

import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.List;

/**
 * One process's migration.
 *
 * @param pagesNotMoved WHOLE: migrate_pages' return value, pages the kernel could not move (shared
 *     pages skipped for lack of CAP_SYS_NICE are not counted; compare {@code before} and {@code
 *     after}); BOUNDED: every page not moved, the sum of {@link MoveStats#notMovedByReason}
 * @param elapsedNanos WHOLE: the migrate_pages call alone; BOUNDED: from the first move_pages call
 *     to the end of the last
 * @param mode how the pages moved
 * @param stats the calls' durations, bytes moved and, in BOUNDED mode, why pages did not move
 * @param after placement afterwards; {@link NumaPlacement#EMPTY} when the process is gone
 * @param processExited the process exited while its pages moved: its PID may now name another
 *     process, so nothing is known about whose pages moved
 */
public record MigrationResult(
    int pid,
    MigrationPlan plan,
    NumaPlacement before,
    NumaPlacement after,
    long pagesNotMoved,
    long elapsedNanos,
    boolean processExited,
    List<String> warnings,
    MoveMode mode,
    MoveStats stats) {

  public MigrationResult {
    warnings = List.copyOf(warnings);
  }

  public NumaNodeSet from() {
    return plan.from();
  }

  public NumaNodeSet to() {
    return plan.to();
  }
}
