package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 2: a pod is deleted after the operator dispatched it and before its node's agent gets to
 * it (that agent starts late): the pod fails, the others succeed.
 */
class PodDeletedMidRunE2ETest extends EndToEndTest {
  private static final Map<String, String> DB = Map.of("app", "db");

  @Test
  void podDeletedAfterDispatchFailsAndTheRunEndsPartiallySucceeded() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedKubeNode b = node("worker-b");
    SimulatedPod db0 = a.pod(ns, "db-0").labels(DB).container("db", 40 * MI).run(kubectl);
    SimulatedPod db1 = b.pod(ns, "db-1").labels(DB).container("db", 50 * MI, 10 * MI).run(kubectl);
    startOperator(Duration.ofSeconds(60));
    startAgent(a);

    NumaMigration migration = create(Migrations.bySelector(ns, "move-db", DB, "0", "1"));
    NumaMigrationStatus halfway =
        awaitStatus(ns, "move-db", "db-0 done, db-1 waiting", s -> "1/2".equals(s.getProgress()));
    assertThat(halfway.getPhase()).isEqualTo(MigrationPhase.Running);
    capture(ns, "move-db", "running-waiting-for-agents");
    assertThat(pod(halfway, "db-1").getPhase()).isEqualTo(MigrationPhase.Pending);
    assertThat(pod(halfway, "db-1").getReason()).isEqualTo("WaitingForAgent");
    assertThat(condition(halfway, "Progressing").getReason()).isEqualTo("WaitingForAgents");
    assertThat(nodeMigrations(ns, "move-db")).hasSize(2);

    b.deletePod(kubectl, db1);
    assertThat(kubectl.pods().inNamespace(ns).withName("db-1").get()).isNull();
    startAgent(b);
    NumaMigrationStatus status = awaitPhase(ns, "move-db", MigrationPhase.PartiallySucceeded);
    capture(ns, "move-db", "partially-succeeded-pod-deleted");

    PodMigrationStatus deleted = pod(status, "db-1");
    assertThat(deleted.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(deleted.getReason()).isIn("ContainerNotFound", "PodDeleted");
    assertThat(deleted.getNode()).isEqualTo("worker-b");
    assertThat(deleted.getMessage()).contains("db");
    assertThat(deleted.getBytesMoved()).isZero();
    PodMigrationStatus survivor = pod(status, "db-0");
    assertThat(survivor.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(survivor.getBytesMoved()).isEqualTo(db0.totalBytes());
    assertThat(status.getSummary().getPodsTargeted()).isEqualTo(2);
    assertThat(status.getSummary().getPodsSucceeded()).isEqualTo(1);
    assertThat(status.getSummary().getPodsFailed()).isEqualTo(1);
    assertThat(status.getSummary().getBytesMoved()).isEqualTo(40 * MI);
    assertThat(status.getProgress()).isEqualTo("2/2");
    assertThat(status.getPods())
        .extracting(PodMigrationStatus::getName)
        .as("pods needing attention are listed first")
        .containsExactly("db-1", "db-0");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("PartiallySucceeded");
    assertThat(condition(status, "Ready").getMessage())
        .contains("1 of 2 pods succeeded")
        .contains("db-1 (Failed, " + deleted.getReason() + ")");

    assertThat(a.migrator().calls())
        .extracting(RecordingPageMigrator.Call::pid)
        .containsExactlyElementsOf(db0.pids());
    assertThat(b.migrator().calls()).as("nothing left of db-1 to migrate").isEmpty();

    List<Event> events =
        awaitEventReasons(
            migration, "MigrationStarted", "PodMigrationFailed", "MigrationPartiallySucceeded");
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("PodMigrationFailed"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.getType()).isEqualTo("Warning");
              assertThat(e.getMessage())
                  .startsWith("pod db-1 on node worker-b: " + deleted.getReason());
            });
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("MigrationPartiallySucceeded"))
        .singleElement()
        .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
  }
}
