package io.migratepages.engine;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * What the moving calls did. In WHOLE mode: one call, and bytes moved as numa_maps shows them (what
 * left the source nodes); the kernel gives no per-page reasons there.
 *
 * @param calls the moving syscalls made (migrate_pages or move_pages; not the read-only queries)
 * @param longestCallNanos the longest of those calls: the longest the target was held at once
 * @param p99CallNanos the 99th percentile of the calls' durations
 * @param bytesMoved bytes that now sit on their destination because of this move (a transparent
 *     huge page counts its full size once)
 * @param elapsedNanos from the first call to the end of the last, pauses for the rate limit
 *     included
 * @param notMovedByReason pages not moved, by errno name (EBUSY, EACCES, EFAULT, ENOENT, ENOMEM,
 *     ...) or NOT_MIGRATED; {@link io.migratepages.engine.bounded.NotMovedReasons} says what each
 *     means
 */
public record MoveStats(
    long calls,
    long longestCallNanos,
    long p99CallNanos,
    long bytesMoved,
    long elapsedNanos,
    SortedMap<String, Long> notMovedByReason) {

  public MoveStats {
    notMovedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(notMovedByReason));
  }

  /** Bytes moved per second of {@link #elapsedNanos}; 0 when nothing was timed. */
  public double throughputBytesPerSecond() {
    return elapsedNanos <= 0 ? 0 : bytesMoved * 1e9 / elapsedNanos;
  }

  public long pagesNotMoved() {
    return notMovedByReason.values().stream().mapToLong(Long::longValue).sum();
  }
}
