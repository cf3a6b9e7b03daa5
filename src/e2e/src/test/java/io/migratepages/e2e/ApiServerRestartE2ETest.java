package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.kubetest.KubeLocal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * kube-apiserver restarts in the middle of a run, etcd and its data stay ({@code bin/kube-local
 * restart-apiserver}): every watch of the operator and the agents breaks, and the new API server's
 * watch cache starts empty, so the informers resume with 410 Gone and list again. Across the
 * restart one agent is inside a migration (held there until the API server is back), the other has
 * finished. The run ends Succeeded with nothing dispatched again, and a second migration created
 * afterwards reaches both agents: their informers watch again.
 */
class ApiServerRestartE2ETest extends EndToEndTest {
  private static final Logger LOG = Logger.getLogger(ApiServerRestartE2ETest.class.getName());
  private static final Map<String, String> WEB = Map.of("app", "web");

  /**
   * The restart, then fabric8's reconnect back-off (1 s doubling to 32 s, production settings) on a
   * machine shared with builds.
   */
  private static final Duration ACROSS_RESTART = Duration.ofSeconds(120);

  @Test
  void theRunFinishesAcrossAnApiServerRestartAndTheInformersWatchAgain(KubeLocal controlPlane) {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedKubeNode b = node("worker-b");
    DbPods pods = runDbPods(ns, a, b);
    SimulatedPod db0 = pods.db0();
    SimulatedPod db1 = pods.db1();
    SimulatedPod db2 = pods.db2();
    SimulatedPod web0 = a.pod(ns, "web-0").labels(WEB).container("web", 8 * MI).run(kubectl);
    SimulatedPod web1 = b.pod(ns, "web-1").labels(WEB).container("web", 8 * MI).run(kubectl);
    RecordingPageMigrator.Hold inDb1 = a.migrator().hold(db1.pids().get(0));
    startOperator(Duration.ofSeconds(60));
    startAgent(a);
    startAgent(b);

    NumaMigration migration = create(Migrations.bySelector(ns, "move-db", APP_DB, "0", "1"));
    inDb1.awaitHeld(WAIT);
    NumaMigrationStatus beforeRestart =
        awaitStatus(ns, "move-db", "db-0 and db-2 done", s -> "2/3".equals(s.getProgress()));
    List<String> dispatched = dispatchIdentities(nodeMigrations(ns, "move-db"));
    assertThat(dispatched).hasSize(2);

    try (WatchExpiries expiries = WatchExpiries.capture()) {
      Instant restarting = Instant.now();
      controlPlane.restartApiServer();
      LOG.info(
          "kube-apiserver restarted in "
              + Duration.between(restarting, Instant.now()).toMillis()
              + " ms");
      inDb1.release();
      NumaMigrationStatus done =
          awaitPhase(ns, "move-db", MigrationPhase.Succeeded, ACROSS_RESTART);
      LOG.info(
          "move-db Succeeded "
              + Duration.between(restarting, Instant.now()).toMillis()
              + " ms after the restart began; watches that expired (410 Gone): "
              + expiries.all());

      assertThat(done.getProgress()).isEqualTo("3/3");
      assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(3);
      assertThat(done.getSummary().getPodsFailed()).isZero();
      assertThat(done.getSummary().getBytesMoved()).isEqualTo(pods.totalBytes());
      assertThat(done.getStartTime()).isEqualTo(beforeRestart.getStartTime());
      assertThat(condition(done, "Ready").getReason()).isEqualTo("Succeeded");
      assertThat(dispatchIdentities(nodeMigrations(ns, "move-db")))
          .as("the same NodeMigrations, neither re-created nor rewritten")
          .isEqualTo(dispatched);
      assertEachProcessMigratedOnce(a, db0, db1);
      assertEachProcessMigratedOnce(b, db2);
      awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded");

      create(Migrations.bySelector(ns, "move-web", WEB, "0", "1"));
      NumaMigrationStatus web =
          awaitPhase(ns, "move-web", MigrationPhase.Succeeded, ACROSS_RESTART);
      assertThat(web.getSummary().getPodsSucceeded()).isEqualTo(2);
      assertEachProcessMigratedOnce(a, db0, db1, web0);
      assertEachProcessMigratedOnce(b, db2, web1);
    }
  }
}
