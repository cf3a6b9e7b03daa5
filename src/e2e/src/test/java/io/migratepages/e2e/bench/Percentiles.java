package io.migratepages.e2e.bench;

import java.util.Arrays;
import java.util.Locale;

/** Nearest-rank percentiles of a sample of durations in nanoseconds, printed in milliseconds. */
final class Percentiles {
  private final long[] sorted;

  Percentiles(long[] nanos) {
    if (nanos.length == 0) {
      throw new IllegalArgumentException("no samples");
    }
    this.sorted = nanos.clone();
    Arrays.sort(sorted);
  }

  /** The smallest sample that at least {@code p} percent of the samples do not exceed. */
  long percentile(double p) {
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
  }

  long max() {
    return sorted[sorted.length - 1];
  }

  long min() {
    return sorted[0];
  }

  int count() {
    return sorted.length;
  }

  String summary() {
    return String.format(
        Locale.ROOT,
        "n=%d min=%s p50=%s p90=%s p99=%s max=%s",
        count(),
        ms(min()),
        ms(percentile(50)),
        ms(percentile(90)),
        ms(percentile(99)),
        ms(max()));
  }

  static String ms(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
