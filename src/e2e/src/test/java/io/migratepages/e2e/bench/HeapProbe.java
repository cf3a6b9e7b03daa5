package io.migratepages.e2e.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Used heap after full collections: {@link System#gc()} (a full, stop-the-world collection with G1
 * unless -XX:+DisableExplicitGC) repeated until the figure settles, then {@link
 * MemoryMXBean#getHeapMemoryUsage()}{@code .getUsed()}. What remains is what is still reachable.
 */
final class HeapProbe {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapProbe() {}

  static long usedAfterGc() throws InterruptedException {
    long previous = Long.MAX_VALUE;
    long used = 0;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(200);
      used = MEMORY.getHeapMemoryUsage().getUsed();
      if (Math.abs(previous - used) < (1 << 20)) {
        break;
      }
      previous = used;
    }
    return used;
  }

  static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }
}
