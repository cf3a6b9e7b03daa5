package io.migratepages.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressWritePacingTest {
  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  private final ProgressWritePacing pacing = new ProgressWritePacing(INTERVAL, nanos::get);
  private final NumaMigration migration =
      Fixtures.migration("db", 1, Fixtures.podSpec("db-0", "0", "1"));

  private static NumaMigrationStatus status(
      MigrationPhase phase, long generation, String progress) {
    return NumaMigrationStatus.builder()
        .phase(phase)
        .observedGeneration(generation)
        .progress(progress)
        .build();
  }

  private void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  @Test
  void progressRightAfterAWriteIsHeldBackForTheRestOfTheInterval() {
    NumaMigrationStatus dispatched = status(MigrationPhase.Running, 1, "0/40");
    pacing.written(migration, dispatched);
    advance(Duration.ofMillis(300));

    assertThat(pacing.holdBack(migration, dispatched, status(MigrationPhase.Running, 1, "1/40")))
        .contains(Duration.ofMillis(700));

    advance(Duration.ofMillis(700));
    assertThat(pacing.holdBack(migration, dispatched, status(MigrationPhase.Running, 1, "2/40")))
        .as("a whole interval after the last write")
        .isEmpty();
  }

  @Test
  void theEndOfARunIsNeverHeldBack() {
    NumaMigrationStatus running = status(MigrationPhase.Running, 1, "39/40");
    pacing.written(migration, running);

    assertThat(pacing.holdBack(migration, running, status(MigrationPhase.Succeeded, 1, "40/40")))
        .isEmpty();
    assertThat(pacing.holdBack(migration, running, status(MigrationPhase.Failed, 1, "40/40")))
        .isEmpty();
  }

  @Test
  void aNewRunAndAFirstStatusAreNeverHeldBack() {
    NumaMigrationStatus running = status(MigrationPhase.Running, 1, "1/40");
    pacing.written(migration, running);

    assertThat(pacing.holdBack(migration, running, status(MigrationPhase.Running, 2, "0/40")))
        .as("a new generation")
        .isEmpty();
    assertThat(pacing.holdBack(migration, null, status(MigrationPhase.Running, 1, "0/40")))
        .isEmpty();
  }

  @Test
  void aMigrationNotWrittenByThisOperatorProcessIsWrittenAtOnce() {
    NumaMigrationStatus running = status(MigrationPhase.Running, 1, "1/40");

    assertThat(pacing.holdBack(migration, running, status(MigrationPhase.Running, 1, "2/40")))
        .isEmpty();
  }

  @Test
  void eachMigrationHasItsOwnInterval() {
    NumaMigration other = Fixtures.migration("web", 1, Fixtures.podSpec("web-0", "0", "1"));
    NumaMigrationStatus running = status(MigrationPhase.Running, 1, "1/40");
    pacing.written(migration, running);

    assertThat(pacing.holdBack(other, running, status(MigrationPhase.Running, 1, "2/40")))
        .isEmpty();
  }

  @Test
  void aFinishedRunIsForgotten() {
    pacing.written(migration, status(MigrationPhase.Running, 1, "39/40"));
    pacing.written(migration, status(MigrationPhase.Succeeded, 1, "40/40"));
    NumaMigrationStatus running = status(MigrationPhase.Running, 2, "0/40");

    assertThat(pacing.holdBack(migration, running, status(MigrationPhase.Running, 2, "1/40")))
        .as("nothing remembered from the finished run")
        .isEmpty();
  }
}
