package io.migratepages.engine.bounded;

import java.util.Arrays;

/** The durations of the moving calls: count, longest, 99th percentile (nearest rank). */
public final class CallTimes {
  private long[] nanos = new long[64];
  private int count;

  public void record(long callNanos) {
    if (count == nanos.length) {
      nanos = Arrays.copyOf(nanos, count * 2);
    }
    nanos[count++] = callNanos;
  }

  public int count() {
    return count;
  }

  public long longest() {
    long longest = 0;
    for (int i = 0; i < count; i++) {
      longest = Math.max(longest, nanos[i]);
    }
    return longest;
  }

  public long p99() {
    if (count == 0) {
      return 0;
    }
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(0.99 * count);
    return sorted[rank - 1];
  }
}
