package io.migratepages.engine;

import io.migratepages.engine.bounded.BatchSchedule;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.preflight.PreflightReport;
import java.util.Optional;

/**
 * What a migration would do (a dry run): current placement, the kernel's passes, the checks, and in
 * bounded mode the batches.
 */
public record MigrationPreview(
    int pid,
    MigrationPlan plan,
    NumaPlacement before,
    PreflightReport preflight,
    MoveOptions options,
    Optional<BatchSchedule> batches) {

  public MigrationPreview(
      int pid, MigrationPlan plan, NumaPlacement before, PreflightReport preflight) {
    this(pid, plan, before, preflight, MoveOptions.whole(), Optional.empty());
  }
}
