package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The operator process stops mid-run and a new one starts: one NodeMigration is being worked on
 * (its agent is inside a migration, held there), the other waits for an agent that has not started.
 * While no operator runs, the first finishes. The new operator (a new JOSDK Operator with empty
 * caches and metrics) finds the run started (status.observedGeneration), dispatches nothing again,
 * catches up with what finished meanwhile, waits for the second agent and ends the run Succeeded,
 * with one Event per transition.
 */
class OperatorRestartE2ETest extends EndToEndTest {

  @Test
  void aNewOperatorFinishesTheRunItFindsWithoutDispatchingAgain() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedKubeNode b = node("worker-b");
    DbPods pods = runDbPods(ns, a, b);
    SimulatedPod db0 = pods.db0();
    SimulatedPod db1 = pods.db1();
    SimulatedPod db2 = pods.db2();
    RecordingPageMigrator.Hold inDb1 = a.migrator().hold(db1.pids().get(0));
    startOperator(Duration.ofSeconds(60));
    startAgent(a);

    try (NodeMigrationHistory history = new NodeMigrationHistory(kubectl, ns)) {
      NumaMigration migration = create(Migrations.bySelector(ns, "move-db", APP_DB, "0", "1"));
      inDb1.awaitHeld(WAIT);
      NumaMigrationStatus midRun =
          awaitStatus(ns, "move-db", "db-0 done", s -> "1/3".equals(s.getProgress()));
      assertThat(midRun.getPhase()).isEqualTo(MigrationPhase.Running);
      assertThat(pod(midRun, "db-2").getReason()).isEqualTo("WaitingForAgent");

      operator.stop();
      String versionWithoutOperator = get(ns, "move-db").getMetadata().getResourceVersion();
      inDb1.release();
      await("worker-a's agent to finish without an operator")
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> phaseOf(ns, "move-db-worker-a") == MigrationPhase.Succeeded);
      assertThat(get(ns, "move-db").getMetadata().getResourceVersion())
          .as("nobody writes the NumaMigration while no operator runs")
          .isEqualTo(versionWithoutOperator);

      operator.start();
      NumaMigrationStatus caughtUp =
          awaitStatus(ns, "move-db", "worker-a's result seen", s -> "2/3".equals(s.getProgress()));
      assertThat(caughtUp.getPhase()).isEqualTo(MigrationPhase.Running);
      assertThat(caughtUp.getStartTime()).isEqualTo(midRun.getStartTime());
      assertThat(pod(caughtUp, "db-2").getReason()).isEqualTo("WaitingForAgent");
      startAgent(b);
      NumaMigrationStatus done = awaitPhase(ns, "move-db", MigrationPhase.Succeeded);

      assertThat(done.getProgress()).isEqualTo("3/3");
      assertThat(done.getSummary().getPodsTargeted()).isEqualTo(3);
      assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(3);
      assertThat(done.getSummary().getPodsFailed()).isZero();
      assertThat(done.getSummary().getBytesMoved()).isEqualTo(pods.totalBytes());
      assertThat(done.getPods())
          .extracting(PodMigrationStatus::getPhase)
          .containsOnly(MigrationPhase.Succeeded);
      assertThat(done.getStartTime()).isEqualTo(midRun.getStartTime());
      assertThat(condition(done, "Ready").getReason()).isEqualTo("Succeeded");

      assertThat(history.uidsByName())
          .as("each NodeMigration created once")
          .containsOnlyKeys("move-db-worker-a", "move-db-worker-b")
          .allSatisfy((name, uids) -> assertThat(uids).hasSize(1));
      assertThat(history.highestGeneration())
          .as("no NodeMigration rewritten")
          .allSatisfy((name, generation) -> assertThat(generation).isEqualTo(1L));
      assertThat(history.deleted()).isEmpty();
      assertEachProcessMigratedOnce(a, db0, db1);
      assertEachProcessMigratedOnce(b, db2);
      awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded");
      assertThat(operator.migrationsCounted("succeeded"))
          .as("counted by the new operator, which saw the run finish")
          .isEqualTo(1.0);
    }
  }

  private MigrationPhase phaseOf(String ns, String name) {
    NodeMigration work = nodeMigration(ns, name);
    return work == null || work.getStatus() == null ? null : work.getStatus().getPhase();
  }
}
