package io.migratepages.engine.bounded;

/**
 * Sizes each move_pages call to the time budget: starts small, learns the cost per page from the
 * calls made (a moving average, so one slow call does not halve the pace for good) and aims at 80%
 * of the budget, growing at most twofold per call so that a cheap first call cannot overshoot.
 */
public final class BatchSizer {
  public static final int FIRST_BATCH_PAGES = 64;

  /** An upper bound on one call's array (16 MiB of 4 KiB pages); the budget usually binds first. */
  public static final int MAX_BATCH_PAGES = 4096;

  private static final double TARGET_SHARE = 0.8;
  private static final double WEIGHT_OF_NEW = 0.5;

  private final long budgetNanos;
  private final int maxPages;
  private double nanosPerPage = -1;
  private int next = FIRST_BATCH_PAGES;

  /**
   * @param maxPages a cap of the caller's (the rate limit's share); at least 1
   */
  public BatchSizer(long budgetNanos, int maxPages) {
    this.budgetNanos = budgetNanos;
    this.maxPages = Math.max(1, Math.min(maxPages, MAX_BATCH_PAGES));
    this.next = Math.min(next, this.maxPages);
  }

  public int nextBatchPages() {
    return next;
  }

  /** Learns from one call of {@code pages} pages that took {@code nanos}. */
  public void record(int pages, long nanos) {
    if (pages <= 0) {
      return;
    }
    double observed = Math.max(1.0, (double) nanos / pages);
    nanosPerPage =
        nanosPerPage < 0 ? observed : WEIGHT_OF_NEW * observed + (1 - WEIGHT_OF_NEW) * nanosPerPage;
    long fitting = (long) (budgetNanos * TARGET_SHARE / nanosPerPage);
    long grown = Math.min(fitting, 2L * Math.max(pages, next));
    next = (int) Math.max(1, Math.min(grown, maxPages));
  }
}
