package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A node agent is killed in the middle of its NodeMigration and starts again. The agent writes its
 * NodeMigration's status after each pod, so the kill loses at most the pod it was migrating: the
 * new agent resumes the same generation (same start time), skips the pods already reported, and
 * migrates the interrupted pod again from its first process. That re-run is the design
 * (docs/architecture.md, "The work order"): migrating a process whose pages already sit on the
 * target nodes again is harmless, and no result is reported twice.
 *
 * <p>The kill: the agent's network is severed first (its client reaches the API server through a
 * {@link SeverableLink}), so nothing it could still send arrives, then its thread, held inside the
 * migration of db-1's first process, ends as the process would ({@link
 * RecordingPageMigrator.Hold#kill()}).
 */
class AgentRestartE2ETest extends EndToEndTest {

  @Test
  void aRestartedAgentResumesItsNodeMigrationAndRerunsOnlyTheInterruptedPod() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    DbPods pods = runDbPods(ns, a, a);
    SimulatedPod db0 = pods.db0();
    SimulatedPod db1 = pods.db1();
    SimulatedPod db2 = pods.db2();
    RecordingPageMigrator.Hold inDb1 = a.migrator().hold(db1.pids().get(0));
    startOperator(Duration.ofSeconds(60));
    SeverableLink agentNetwork = linkToApiServer();
    a.startAgent(newClientVia(agentNetwork));

    NumaMigration migration = create(Migrations.bySelector(ns, "move-db", APP_DB, "0", "1"));
    inDb1.awaitHeld(WAIT);
    NodeMigration beforeKill = nodeMigration(ns, "move-db-worker-a");
    assertThat(beforeKill.getStatus().getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(beforeKill.getStatus().getPods())
        .extracting(p -> p.getName() + " " + p.getPhase())
        .containsExactly("db-0 Succeeded", "db-1 Pending", "db-2 Pending");

    agentNetwork.sever();
    inDb1.kill();
    a.stopAgent();
    NumaMigrationStatus orphaned =
        awaitStatus(ns, "move-db", "db-0 reported", s -> "1/3".equals(s.getProgress()));
    assertThat(orphaned.getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(nodeMigration(ns, "move-db-worker-a").getStatus().getPods())
        .as("nothing the killed agent did after the kill reached the API server")
        .isEqualTo(beforeKill.getStatus().getPods());

    startAgent(a);
    NumaMigrationStatus done = awaitPhase(ns, "move-db", MigrationPhase.Succeeded);

    assertThat(done.getProgress()).isEqualTo("3/3");
    assertThat(done.getSummary().getPodsTargeted()).isEqualTo(3);
    assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(3);
    assertThat(done.getSummary().getBytesMoved())
        .as("the re-run pod's bytes counted once")
        .isEqualTo(pods.totalBytes());
    assertThat(done.getPods())
        .extracting(PodMigrationStatus::getPhase)
        .containsOnly(MigrationPhase.Succeeded);
    assertThat(pod(done, "db-1").getBytesMoved()).isEqualTo(db1.totalBytes());

    NodeMigration resumed = nodeMigration(ns, "move-db-worker-a");
    assertThat(resumed.getStatus().getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(resumed.getStatus().getStartTime())
        .as("the same run resumed, not a new one")
        .isEqualTo(beforeKill.getStatus().getStartTime());
    assertThat(resumed.getMetadata().getUid()).isEqualTo(beforeKill.getMetadata().getUid());
    assertThat(resumed.getMetadata().getGeneration()).isEqualTo(1L);
    assertThat(resumed.getStatus().getPods())
        .filteredOn(p -> p.getName().equals("db-0"))
        .singleElement()
        .as("db-0 as the killed agent reported it")
        .isEqualTo(beforeKill.getStatus().getPods().get(0));

    assertThat(inDb1.interruptedByKill())
        .as("db-1's first process was being migrated when the agent was killed")
        .isTrue();
    // completed migrations: each process once; db-1's first process also had the interrupted one
    assertEachProcessMigratedOnce(a, db0, db1, db2);
    assertThat(a.migrator().calls())
        .extracting(RecordingPageMigrator.Call::pid)
        .as("after the restart: db-1 from its first process, then db-2; db-0 not again")
        .containsExactly(
            db0.pids().get(0), db1.pids().get(0), db1.pids().get(1), db2.pids().get(0));
    awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded");
    assertThat(resumed.getStatus().getAgent()).isEqualTo(a.agentName());
  }
}
