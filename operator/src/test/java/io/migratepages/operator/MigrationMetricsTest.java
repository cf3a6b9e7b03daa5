package io.migratepages.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.MigrationSummary;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class MigrationMetricsTest {
  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final MigrationMetrics metrics = new MigrationMetrics(registry);

  private static NumaMigrationStatus finished(
      MigrationPhase phase, long bytes, String start, String end) {
    NumaMigrationStatus status = new NumaMigrationStatus();
    status.setPhase(phase);
    status.setSummary(new MigrationSummary(1, 1, 0, bytes, 0, 0, new TreeMap<>()));
    status.setStartTime(start);
    status.setCompletionTime(end);
    return status;
  }

  @Test
  void exposesThePrometheusNamesTheChartAndDashboardsUse() {
    metrics.finished(
        finished(MigrationPhase.Succeeded, 1000, "2026-11-05T10:00:00Z", "2026-11-05T10:00:04Z"));
    metrics.finished(
        finished(
            MigrationPhase.PartiallySucceeded, 24, "2026-11-05T10:00:00Z", "2026-11-05T10:00:02Z"));

    String scrape = registry.scrape();

    assertThat(scrape)
        .contains("migratepages_migrations_total{result=\"succeeded\",} 1.0")
        .contains("migratepages_migrations_total{result=\"partially_succeeded\",} 1.0")
        .contains("migratepages_migrations_total{result=\"failed\",} 0.0")
        .contains("migratepages_bytes_moved_total 1024.0")
        .contains("migratepages_migration_duration_seconds_count{result=\"succeeded\",} 1.0")
        .contains("migratepages_migration_duration_seconds_sum{result=\"succeeded\",} 4.0")
        .contains(
            "migratepages_migration_duration_seconds_sum{result=\"partially_succeeded\",} 2.0");
  }

  @Test
  void aRunThatNeverStartedHasNoDuration() {
    metrics.finished(finished(MigrationPhase.Failed, 0, null, "2026-11-05T10:00:00Z"));

    assertThat(registry.scrape())
        .contains("migratepages_migrations_total{result=\"failed\",} 1.0")
        .doesNotContain("migratepages_migration_duration_seconds_count{result=\"failed\"");
  }
}
