package io.migratepages.operator;

import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Spaces out the status writes of a run in progress: while a NumaMigration stays Running, its
 * status (progress, pod entries, conditions) is written at most once per interval, however many
 * NodeMigration updates arrive; a write that starts a run or changes the phase (to Succeeded,
 * Failed, ...) is never held back. Without it a run over many Kubernetes nodes rewrites its whole
 * status (up to 200 pod entries, about 100 KB) after every pod of every node, and a short run
 * writes the agent's pick-up just before its result (docs/benchmarks.md).
 */
final class ProgressWritePacing {
  /** Keep at most this many write times before dropping those too old to matter. */
  private static final int PRUNE_ABOVE = 1024;

  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Long> lastWrite = new ConcurrentHashMap<>();

  ProgressWritePacing(Duration interval, LongSupplier nanoTime) {
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * How long to wait before writing {@code after} over {@code before}; empty to write it now. The
   * reconciliation after the wait writes the status as it is by then.
   */
  Optional<Duration> holdBack(
      NumaMigration migration, NumaMigrationStatus before, NumaMigrationStatus after) {
    if (before == null
        || before.getPhase() != after.getPhase()
        || after.getPhase() == null
        || after.getPhase().isTerminal()
        || !Objects.equals(before.getObservedGeneration(), after.getObservedGeneration())) {
      return Optional.empty();
    }
    Long last = lastWrite.get(key(migration));
    if (last == null) {
      return Optional.empty();
    }
    long left = intervalNanos - (nanoTime.getAsLong() - last);
    return left <= 0 ? Optional.empty() : Optional.of(Duration.ofNanos(left));
  }

  /** {@code written} is now the stored status. */
  void written(NumaMigration migration, NumaMigrationStatus written) {
    if (written.getPhase() == null || written.getPhase().isTerminal()) {
      lastWrite.remove(key(migration));
      return;
    }
    long now = nanoTime.getAsLong();
    lastWrite.put(key(migration), now);
    if (lastWrite.size() > PRUNE_ABOVE) {
      lastWrite.values().removeIf(t -> now - t >= intervalNanos);
    }
  }

  private static String key(NumaMigration migration) {
    return migration.getMetadata().getUid();
  }
}
