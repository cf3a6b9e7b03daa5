package io.migratepages.operator;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Prometheus metrics of finished migrations: {@code migratepages_migrations_total{result}}, {@code
 * migratepages_bytes_moved_total} and {@code migratepages_migration_duration_seconds}. Recorded
 * once per run, on its transition to a terminal phase.
 */
public class MigrationMetrics {
  static final String MIGRATIONS = "migratepages.migrations";
  static final String BYTES_MOVED = "migratepages.bytes.moved";
  static final String DURATION = "migratepages.migration.duration";

  private final MeterRegistry registry;
  private final Counter bytesMoved;

  public MigrationMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.bytesMoved =
        Counter.builder(BYTES_MOVED)
            .description("Bytes moved between NUMA nodes by finished migrations")
            .register(registry);
    for (MigrationPhase phase : MigrationPhase.values()) {
      if (phase.isTerminal()) {
        migrations(phase);
      }
    }
  }

  /** Records a run that has just reached {@code status.phase} (which must be terminal). */
  public void finished(NumaMigrationStatus status) {
    MigrationPhase phase = status.getPhase();
    migrations(phase).increment();
    if (status.getSummary() != null) {
      bytesMoved.increment(status.getSummary().getBytesMoved());
    }
    durationOf(status)
        .ifPresent(
            d ->
                Timer.builder(DURATION)
                    .description("Time from dispatch to the terminal phase of a migration")
                    .tag("result", result(phase))
                    .register(registry)
                    .record(d));
  }

  private Counter migrations(MigrationPhase phase) {
    return Counter.builder(MIGRATIONS)
        .description("NumaMigration runs finished, by result")
        .tag("result", result(phase))
        .register(registry);
  }

  /** succeeded, partially_succeeded, failed. */
  static String result(MigrationPhase phase) {
    return phase.name().replaceAll("([a-z])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
  }

  private static Optional<Duration> durationOf(NumaMigrationStatus status) {
    Optional<Instant> start = Timestamps.parse(status.getStartTime());
    Optional<Instant> end = Timestamps.parse(status.getCompletionTime());
    if (start.isEmpty() || end.isEmpty() || end.get().isBefore(start.get())) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(start.get(), end.get()));
  }
}
