package io.migratepages.engine;

/** How the pages move. */
public enum MoveMode {
  /**
   * One {@code migrate_pages(2)} call for the whole process: the fastest, but the kernel holds the
   * target's mmap lock for each node pass, so a large move stalls the target for its whole length.
   */
  WHOLE,
  /**
   * {@code move_pages(2)} in batches sized to a time budget per call and an optional rate limit:
   * the target runs between calls, and every page's outcome is reported.
   */
  BOUNDED
}
