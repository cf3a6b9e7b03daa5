package io.migratepages.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MigrationRowTest {
  private static GenericKubernetesResource migration(String status) {
    return new KubernetesSerialization()
        .unmarshal(
            """
            apiVersion: migratepages.io/v1alpha1
            kind: NumaMigration
            metadata: {name: demo, namespace: default, creationTimestamp: "2026-11-23T10:00:00Z"}
            spec: {podName: demo-app, fromNodes: "0", toNodes: "1"}
            """
                + status,
            GenericKubernetesResource.class);
  }

  @Test
  void showsThePrinterColumnsOfTheCrd() {
    MigrationRow row =
        MigrationRow.of(
            migration(
                "status: {phase: Succeeded, progress: 1/1, moved: 256Mi, longestPause: 180ms}\n"));
    assertThat(row.format(Instant.parse("2026-11-23T10:00:07Z")).split("\\s+"))
        .containsExactly("demo", "Succeeded", "0", "1", "1/1", "256Mi", "180ms", "7s");
    assertThat(MigrationRow.header().split("\\s{2,}"))
        .containsExactly("NAME", "PHASE", "FROM", "TO", "PODS", "MOVED", "LONGEST PAUSE", "AGE");
  }

  @Test
  void aWatcherPrintsOnlyWhenAColumnOtherThanAgeChanges() {
    MigrationRow running = MigrationRow.of(migration("status: {phase: Running, progress: 0/1}\n"));
    MigrationRow again = MigrationRow.of(migration("status: {phase: Running, progress: 0/1}\n"));
    MigrationRow done = MigrationRow.of(migration("status: {phase: Running, progress: 1/1}\n"));
    assertThat(running.sameColumns(again)).isTrue();
    assertThat(running.sameColumns(done)).isFalse();
    assertThat(running.sameColumns(null)).isFalse();
  }

  @Test
  void agesAreShortAsKubectlPrintsThem() {
    assertThat(MigrationRow.age(Duration.ofSeconds(45))).isEqualTo("45s");
    assertThat(MigrationRow.age(Duration.ofSeconds(192))).isEqualTo("3m12s");
    assertThat(MigrationRow.age(Duration.ofMinutes(15))).isEqualTo("15m");
    assertThat(MigrationRow.age(Duration.ofSeconds(-2))).isEqualTo("0s");
  }
}
