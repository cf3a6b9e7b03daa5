package io.migratepages.e2e.bench;

import java.util.Map;
import java.util.TreeMap;

/** Arithmetic on request counts keyed by kind. */
final class Counts {
  private Counts() {}

  /** {@code after - before} per key, leaving out zeros. */
  static Map<String, Long> difference(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> diff = new TreeMap<>();
    after.forEach(
        (key, n) -> {
          long d = n - before.getOrDefault(key, 0L);
          if (d != 0) {
            diff.put(key, d);
          }
        });
    return diff;
  }

  static long total(Map<String, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }
}
