package io.migratepages.e2e.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * CPU time a process has used so far, user plus system: fields 14 and 15 ({@code utime}, {@code
 * stime}) of {@code /proc/PID/stat}, in clock ticks of {@code getconf CLK_TCK}.
 */
final class ProcessCpu {
  private static final long NANOS_PER_TICK = TimeUnit.SECONDS.toNanos(1) / clockTicksPerSecond();

  private ProcessCpu() {}

  static long nanos(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    try {
      String text = Files.readString(stat);
      // the command name (field 2) is in parentheses and may contain spaces
      String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
      // fields[0] is field 3 (state), so utime (14) and stime (15) are fields[11] and fields[12]
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * NANOS_PER_TICK;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot read " + stat + " (has process " + pid + " ended?)", e);
    }
  }

  private static long clockTicksPerSecond() {
    try {
      Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
      String out = new String(getconf.getInputStream().readAllBytes()).trim();
      if (getconf.waitFor() == 0 && out.matches("\\d+")) {
        return Long.parseLong(out);
      }
      throw new IllegalStateException("getconf CLK_TCK printed '" + out + "'");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run getconf CLK_TCK", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while running getconf CLK_TCK", e);
    }
  }
}
