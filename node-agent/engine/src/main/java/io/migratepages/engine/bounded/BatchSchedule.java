package io.migratepages.engine.bounded;

import io.migratepages.engine.MoveOptions;

/**
 * The batches a bounded move would make, as far as they can be known before any call: the first
 * call's size, the growth rule, the caps, and how long the rate limit alone makes the move last.
 *
 * @param mappings the target's mappings with pages on the source nodes
 * @param bytesToMove what numa_maps shows on the source nodes of the plan's passes
 * @param firstBatchPages the first call's pages; later calls grow at most twofold each, to what
 *     fits in {@link #targetCallNanos}
 * @param maxBatchPages no call holds more (the array cap, or a tenth of a second at the rate)
 * @param targetCallNanos what the sizing aims at per call: 80% of the budget
 * @param minimumNanos the rate limit's floor on the move's length; 0 without a rate limit
 */
public record BatchSchedule(
    int mappings,
    long bytesToMove,
    int firstBatchPages,
    int maxBatchPages,
    long targetCallNanos,
    long minimumNanos) {

  public static BatchSchedule of(
      int mappings, long bytesToMove, long basePageSize, MoveOptions options) {
    RateLimit rate = new RateLimit(options.rateLimitBytesPerSecond());
    int max = Math.min(BatchSizer.MAX_BATCH_PAGES, rate.maxBatchPages(basePageSize));
    long minimum =
        rate.limited() ? (long) (bytesToMove * 1e9 / options.rateLimitBytesPerSecond()) : 0;
    return new BatchSchedule(
        mappings,
        bytesToMove,
        Math.min(BatchSizer.FIRST_BATCH_PAGES, max),
        max,
        (long) (options.maxPausePerCall().toNanos() * 0.8),
        minimum);
  }
}
