package io.migratepages.engine.bounded;

/**
 * Sizes each move_pages call to the time budget. A call costs a fixed part (the kernel drains every
 * CPU's LRU caches at the start of each move_pages call, which takes longer the more CPUs there are
 * and the busier they are) plus a part per page; the sizer fits {@code time = fixed + perPage ×
 * pages} to the recent calls (least squares, older calls weighing less) and aims at 80% of the
 * budget, starting at 64 pages and growing at most twofold per call so that a cheap first call
 * cannot overshoot. When the fixed part alone fills the budget no batch can keep it: it then sizes
 * calls so that the fixed part is half of each, and {@link #budgetUnreachable()} says so.
 */
public final class BatchSizer {
  public static final int FIRST_BATCH_PAGES = 64;

  /** An upper bound on one call's array (16 MiB of 4 KiB pages); the budget usually binds first. */
  public static final int MAX_BATCH_PAGES = 4096;

  private static final double TARGET_SHARE = 0.8;
  private static final double DECAY = 0.7;

  private final long budgetNanos;
  private final int maxPages;
  private int next;
  private boolean unreachable;
  private long fixedNanos;

  // Decayed sums for the least-squares fit of nanos = fixed + perPage * pages.
  private double sw;
  private double sn;
  private double st;
  private double snn;
  private double snt;

  /**
   * @param maxPages a cap of the caller's (the rate limit's share); at least 1
   */
  public BatchSizer(long budgetNanos, int maxPages) {
    this.budgetNanos = budgetNanos;
    this.maxPages = Math.max(1, Math.min(maxPages, MAX_BATCH_PAGES));
    this.next = Math.min(FIRST_BATCH_PAGES, this.maxPages);
  }

  public int nextBatchPages() {
    return next;
  }

  /** Whether the calls' fixed cost alone exceeds 80% of the budget (so no batch size keeps it). */
  public boolean budgetUnreachable() {
    return unreachable;
  }

  /** The fitted fixed cost of one call, in nanoseconds (0 until two call sizes were seen). */
  public long fixedNanos() {
    return fixedNanos;
  }

  /** Learns from one call of {@code pages} pages that took {@code nanos}. */
  public void record(int pages, long nanos) {
    if (pages <= 0) {
      return;
    }
    sw = DECAY * sw + 1;
    sn = DECAY * sn + pages;
    st = DECAY * st + nanos;
    snn = DECAY * snn + (double) pages * pages;
    snt = DECAY * snt + (double) pages * nanos;
    double det = sw * snn - sn * sn;
    double perPage;
    double fixed;
    if (det > 1e-6 * sw * snn) {
      perPage = (sw * snt - sn * st) / det;
      fixed = (st - perPage * sn) / sw;
    } else {
      perPage = -1; // every call had the same size so far: no split yet
      fixed = 0;
    }
    if (perPage <= 0 || fixed < 0) {
      perPage = Math.max(1.0, st / sn); // the plain average per page
      fixed = 0;
    }
    fixedNanos = (long) fixed;
    double target = budgetNanos * TARGET_SHARE;
    long fitting;
    if (fixed < target) {
      unreachable = false;
      fitting = (long) ((target - fixed) / perPage);
    } else {
      unreachable = true;
      fitting = (long) (fixed / perPage);
    }
    long grown = Math.min(fitting, 2L * Math.max(pages, next));
    next = (int) Math.max(1, Math.min(grown, maxPages));
  }
}
