package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.kubetest.KubeLocal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * A node agent's watch expires: its network is down (partitioned, the agent lives on) while etcd's
 * history is compacted and kube-apiserver restarts, and its NodeMigration is dispatched meanwhile.
 * When its network is back, its informer resumes from a resourceVersion that neither the new API
 * server's watch cache (which begins at its start) nor etcd (compacted) has: 410 Gone. The informer
 * lists again, finds the NodeMigration it never saw an event for, and the agent runs it.
 *
 * <p>Evidence that the 410 happened: a plain watch from the agent's last resourceVersion ends with
 * 410 Gone, and fabric8 logs each informer restart for 410 ({@link WatchExpiries}): the operator's
 * NumaMigration and NodeMigration informers after the restart, then a second NodeMigration one, the
 * agent's (the only other NodeMigration informer in the JVM), after its network is back.
 */
class WatchExpiredE2ETest extends EndToEndTest {
  private static final Logger LOG = Logger.getLogger(WatchExpiredE2ETest.class.getName());
  private static final Map<String, String> DB = Map.of("app", "db");

  /** The restart, then fabric8's reconnect back-off (1 s doubling to 32 s) after the partition. */
  private static final Duration ACROSS_RESTART = Duration.ofSeconds(120);

  @Test
  void anAgentWhoseWatchExpiredListsAgainAndRunsTheWorkItMissed(KubeLocal controlPlane)
      throws Exception {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedPod db0 = a.pod(ns, "db-0").labels(DB).container("db", 40 * MI).run(kubectl);
    startOperator(Duration.ofSeconds(60));
    SeverableLink agentNetwork = linkToApiServer();
    a.startAgent(newClientVia(agentNetwork));
    String agentLastSeen =
        kubectl
            .resources(NodeMigration.class)
            .inAnyNamespace()
            .list()
            .getMetadata()
            .getResourceVersion();

    try (WatchExpiries expiries = WatchExpiries.capture()) {
      agentNetwork.partition();
      long compactedAt = controlPlane.compactEtcd();
      assertThat(compactedAt).isGreaterThanOrEqualTo(Long.parseLong(agentLastSeen));
      controlPlane.restartApiServer();
      assertThat(endOfWatchFrom(agentLastSeen))
          .as("a watch from the agent's last resourceVersion after the restart")
          .satisfies(e -> assertThat(e.isHttpGone()).as("410 Gone: " + e.getMessage()).isTrue());

      NumaMigration migration = create(Migrations.bySelector(ns, "move-db", DB, "0", "1"));
      NumaMigrationStatus waiting =
          awaitStatus(
              ns,
              "move-db",
              "dispatched, waiting for the partitioned agent",
              s -> s.getPhase() == MigrationPhase.Running,
              ACROSS_RESTART);
      assertThat(pod(waiting, "db-0").getReason()).isEqualTo("WaitingForAgent");
      assertThat(expiries.of("numamigrations"))
          .as("the operator's NumaMigration watch expired")
          .isPositive();
      // the only NodeMigration informer connected before the heal is the operator's
      int operatorExpiries =
          await("the operator's NodeMigration watch to expire and relist")
              .atMost(ACROSS_RESTART)
              .pollInterval(Duration.ofMillis(100))
              .until(() -> expiries.of("nodemigrations"), n -> n > 0);
      assertThat(a.migrator().calls()).as("the agent has not seen its work yet").isEmpty();

      agentNetwork.heal();
      NumaMigrationStatus done =
          awaitPhase(ns, "move-db", MigrationPhase.Succeeded, ACROSS_RESTART);
      LOG.info("watches that expired (410 Gone), in order: " + expiries.all());

      assertThat(expiries.of("nodemigrations"))
          .as("the agent's NodeMigration watch expired too, once its network was back")
          .isEqualTo(operatorExpiries + 1);
      assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(1);
      assertThat(done.getSummary().getBytesMoved()).isEqualTo(db0.totalBytes());
      NodeMigration work = nodeMigration(ns, "move-db-worker-a");
      assertThat(work.getStatus().getAgent()).isEqualTo(a.agentName());
      assertThat(work.getMetadata().getGeneration()).isEqualTo(1L);
      assertEachProcessMigratedOnce(a, db0);
      awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded");
    }
  }

  /**
   * How the API server ends a watch of NodeMigrations from {@code resourceVersion}; an answer that
   * asks to come back later (429 while the restarted server fills its watch cache, 5xx) is retried.
   */
  private WatcherException endOfWatchFrom(String resourceVersion) throws Exception {
    long deadline = System.nanoTime() + ACROSS_RESTART.toNanos();
    while (true) {
      CompletableFuture<WatcherException> ended = new CompletableFuture<>();
      try (Watch watch =
          kubectl
              .resources(NodeMigration.class)
              .inAnyNamespace()
              .watch(
                  new ListOptionsBuilder().withResourceVersion(resourceVersion).build(),
                  new Watcher<>() {
                    @Override
                    public void eventReceived(Action action, NodeMigration resource) {}

                    @Override
                    public void onClose(WatcherException cause) {
                      ended.complete(cause);
                    }
                  })) {
        WatcherException end =
            ended.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        int code = end.asClientException().getCode();
        if ((code != 429 && code < 500) || System.nanoTime() > deadline) {
          return end;
        }
      } catch (KubernetesClientException e) {
        if ((e.getCode() != 429 && e.getCode() < 500) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      Thread.sleep(200);
    }
  }
}
