package io.migratepages.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.MigrationSummary;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PlacementAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy's history: the last ten kept, older finished ones expire, running ones stay. */
class PolicyHistoryTest {
  private static final Instant T0 = Instant.parse("2026-12-02T18:00:00Z");

  static NumaMigration migration(String name, int minute, MigrationPhase phase) {
    NumaMigration m = new NumaMigration();
    m.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace("ns")
            .withGeneration(1L)
            .withCreationTimestamp(T0.plusSeconds(60L * minute).toString())
            .withAnnotations(
                Map.of(
                    ApiGroup.POLICY_NODE_ANNOTATION, "w1",
                    ApiGroup.POLICY_OFF_TARGET_ANNOTATION, "1048576"))
            .build());
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setPodName("pod-" + name);
    spec.setContainers(List.of("db"));
    spec.setFromNodes("0");
    spec.setToNodes("1");
    m.setSpec(spec);
    if (phase != null) {
      MigrationSummary summary = new MigrationSummary();
      summary.setBytesMoved(2L << 20);
      m.setStatus(
          NumaMigrationStatus.builder()
              .phase(phase)
              .observedGeneration(1L)
              .summary(summary)
              .build());
    }
    return m;
  }

  @Test
  void theNewestTenAreKeptAndOlderFinishedOnesExpire() {
    List<NumaMigration> all = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      all.add(migration("m" + i, i, i == 1 ? MigrationPhase.Running : MigrationPhase.Succeeded));
    }

    PolicyHistory history = PolicyHistory.of(all);

    assertThat(history.expired())
        .extracting(m -> m.getMetadata().getName())
        .containsExactlyInAnyOrder("m0", "m2");
    assertThat(history.kept())
        .hasSize(11)
        .extracting(m -> m.getMetadata().getName())
        .contains("m1");
    assertThat(history.actions())
        .hasSize(10)
        .first()
        .satisfies(a -> assertThat(a.getNumaMigration()).isEqualTo("m12"));
  }

  @Test
  void aMigrationIsFinishedOnlyInATerminalPhaseOfItsCurrentGeneration() {
    NumaMigration edited = migration("m", 0, MigrationPhase.Succeeded);
    edited.getMetadata().setGeneration(2L);

    assertThat(PolicyHistory.finished(migration("a", 0, MigrationPhase.Failed))).isTrue();
    assertThat(PolicyHistory.finished(migration("b", 0, MigrationPhase.Running))).isFalse();
    assertThat(PolicyHistory.finished(migration("c", 0, null))).isFalse();
    assertThat(PolicyHistory.finished(edited)).isFalse();
  }

  @Test
  void anActionTellsWhatMovedWhereAndHowItEnded() {
    PlacementAction action =
        PolicyHistory.actionOf(migration("m", 3, MigrationPhase.PartiallySucceeded));

    assertThat(action.getPod()).isEqualTo("pod-m");
    assertThat(action.getNode()).isEqualTo("w1");
    assertThat(action.getOffTargetBytes()).isEqualTo(1L << 20);
    assertThat(action.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(action.getMoved()).isEqualTo("2Mi");
    assertThat(action.getTime()).isEqualTo("2026-12-02T18:03:00Z");
    assertThat(PolicyHistory.actionOf(migration("n", 0, null)).getPhase())
        .isEqualTo(MigrationPhase.Pending);
  }
}
