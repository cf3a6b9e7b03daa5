package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.engine.MoveOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A Bounded NumaMigration on the real API server: its maxPausePerCall and rateLimit arrive in the
 * NodeMigration and, as the engine's options, at the node's migrator; the status shows the mode,
 * the calls and the longest pause.
 *
 * <p>The pages are "moved" by the recording migrator, not the kernel: this test is about the API
 * path (schema, dispatch, agent, status). The bounded mover itself runs on a real kernel in the
 * NUMA VM ({@code src/kernel-tests} BoundedAndLocalKernelTest).
 */
class BoundedModeE2ETest extends EndToEndTest {

  @Test
  void boundedOptionsReachTheMigratorAndTheStatusShowsTheLongestPause() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedPod db0 = a.pod(ns, "db-0").container("db", 30 * MI).run(kubectl);
    startOperator(Duration.ofSeconds(60));
    startAgent(a);

    NumaMigration migration = Migrations.byPodName(ns, "move-db", "db-0", "0", "1");
    migration.getSpec().setMode(MoveMode.Bounded);
    migration.getSpec().setMaxPausePerCall("2ms");
    migration.getSpec().setRateLimit("200Mi");
    create(migration);
    NumaMigrationStatus status = awaitPhase(ns, "move-db", MigrationPhase.Succeeded);

    NodeMigration work = nodeMigrations(ns, "move-db").get(0);
    assertThat(work.getSpec().getMode()).isEqualTo(MoveMode.Bounded);
    assertThat(work.getSpec().getMaxPausePerCall()).isEqualTo("2ms");
    assertThat(work.getSpec().getRateLimit()).isEqualTo("200Mi");
    assertThat(a.migrator().calls())
        .singleElement()
        .satisfies(
            call ->
                assertThat(call.nodes().options())
                    .isEqualTo(MoveOptions.bounded(Duration.ofMillis(2), 200L << 20)));

    PodMigrationStatus pod = pod(status, "db-0");
    ProcessMigrationStatus process = pod.getProcesses().get(0);
    assertThat(process.getPid()).isEqualTo(db0.pids().get(0));
    assertThat(process.getMode()).isEqualTo(MoveMode.Bounded);
    assertThat(process.getMoveCalls()).isEqualTo(RecordingPageMigrator.BOUNDED_CALLS);
    assertThat(process.getLongestCallMicros()).isPositive();
    assertThat(status.getSummary().getLongestCallMicros())
        .isEqualTo(process.getLongestCallMicros());
    assertThat(status.getSummary().getNotMovedByReason()).isEmpty();
  }
}
