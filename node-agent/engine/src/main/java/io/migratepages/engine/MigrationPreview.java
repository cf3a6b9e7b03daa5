package io.migratepages.engine;

import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.preflight.PreflightReport;

/** What a migration would do (a dry run): current placement, the kernel's passes, the checks. */
public record MigrationPreview(
    int pid, MigrationPlan plan, NumaPlacement before, PreflightReport preflight) {}
