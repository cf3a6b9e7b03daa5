package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.work;
import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.NumaMigration;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class AgentDeadlineTest {
  private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
  private final AgentDeadline deadline = new AgentDeadline(Duration.ofSeconds(60));
  private final NumaMigration migration = migration("db", 3, podSpec("db-0", "all", "1"));

  @Test
  void overdueOnlyOnceTheTimeoutHasPassedSinceDispatch() {
    NodeMigration work = work(migration, "n1", T0, 1, "a");

    assertThat(deadline.of(work, T0)).isEqualTo(T0.plusSeconds(60));
    assertThat(deadline.isOverdue(work, T0.plusSeconds(59))).isFalse();
    assertThat(deadline.isOverdue(work, T0.plusSeconds(60))).isTrue();
  }

  @Test
  void pickedUpOrWithdrawnWorkIsNeverOverdue() {
    NodeMigration pickedUp = work(migration, "n1", T0, 1, "a");
    pickedUp.setStatus(NodeMigrationStatus.builder().observedGeneration(1L).build());
    NodeMigration withdrawn = work(migration, "n2", T0, 1, "b");
    HashMap<String, String> annotations = new HashMap<>(withdrawn.getMetadata().getAnnotations());
    annotations.put(NodeMigrationAnnotations.WITHDRAWN_AT, T0.plusSeconds(60).toString());
    withdrawn.getMetadata().setAnnotations(annotations);

    assertThat(deadline.isOverdue(pickedUp, T0.plusSeconds(600))).isFalse();
    assertThat(deadline.isOverdue(withdrawn, T0.plusSeconds(600))).isFalse();
  }

  @Test
  void dispatchedAtFallsBackToCreationTime() {
    NodeMigration work = work(migration, "n1", T0, 1, "a");
    work.getMetadata().setAnnotations(null);
    work.getMetadata().setCreationTimestamp("2026-11-05T09:00:00Z");

    assertThat(AgentDeadline.dispatchedAt(work)).contains(Instant.parse("2026-11-05T09:00:00Z"));
    assertThat(deadline.isOverdue(work, T0)).isTrue();
  }

  @Test
  void pickUpNeedsAnObservedGenerationOfThisGeneration() {
    NodeMigration work = work(migration, "n1", T0, 1, "a");
    work.setStatus(new NodeMigrationStatus());
    assertThat(AgentDeadline.isPickedUp(work)).isFalse();
    work.getStatus().setObservedGeneration(1L);
    assertThat(AgentDeadline.isPickedUp(work)).isTrue();
    work.getSpec().setMigrationGeneration(2);
    work.getMetadata().setGeneration(2L);
    assertThat(AgentDeadline.isPickedUp(work)).isFalse();
  }
}
