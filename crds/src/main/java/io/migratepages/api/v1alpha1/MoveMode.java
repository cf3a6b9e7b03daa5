package io.migratepages.api.v1alpha1;

/** How the node agent moves a process's pages ({@code spec.mode}). */
public enum MoveMode {
  /**
   * One migrate_pages(2) call per process: the fastest, but the process stalls for the whole move.
   */
  Whole,
  /**
   * move_pages(2) in batches sized to spec.maxPausePerCall and spec.rateLimit: the process runs
   * between calls, and pages not moved are counted by reason.
   */
  Bounded
}
