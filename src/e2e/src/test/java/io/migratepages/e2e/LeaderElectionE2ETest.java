package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Two operator instances elect their leader on one Lease, as two replicas of the Deployment do. The
 * leader is killed mid-run: its network is severed (its client reaches the API server through a
 * {@link SeverableLink}) before anything else happens to it, so, like a process killed with
 * SIGKILL, it neither renews nor releases the Lease and writes nothing afterwards, not even from a
 * reconciliation in flight; only then are its threads stopped. (JOSDK 5.1's own stop() does not
 * release the Lease either, but it would let an in-flight reconciliation finish its writes.) The
 * standby acquires the Lease once the leader's lease duration has run out and finishes the
 * migration from what is stored in the API server, dispatching nothing a second time.
 */
class LeaderElectionE2ETest extends EndToEndTest {
  private static final Logger LOG = Logger.getLogger(LeaderElectionE2ETest.class.getName());
  private static final Map<String, String> DB = Map.of("app", "db");
  private static final String LEASE = "migratepages-operator";

  /** Short, in the ratios of Kubernetes' own defaults (15 s / 10 s / 2 s), for a quick takeover. */
  private static final Duration LEASE_DURATION = Duration.ofSeconds(4);

  private static final Duration RENEW_DEADLINE = Duration.ofSeconds(3);
  private static final Duration RETRY_PERIOD = Duration.ofMillis(500);

  @Test
  void theStandbyTakesOverFromAKilledLeaderAndTheMigrationSucceedsWithNothingDispatchedTwice() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedKubeNode b = node("worker-b");
    SimulatedPod db0 = a.pod(ns, "db-0").labels(DB).container("db", 40 * MI).run(kubectl);
    SimulatedPod db1 = b.pod(ns, "db-1").labels(DB).container("db", 50 * MI, 10 * MI).run(kubectl);
    startAgent(a);

    SeverableLink firstNetwork = linkToApiServer();
    OperatorUnderTest first = electedOperator(newClientVia(firstNetwork), ns, "operator-1");
    first.start();
    awaitLeaseHolder(ns, "operator-1");
    OperatorUnderTest second = electedOperator(newClientVia(linkToApiServer()), ns, "operator-2");
    second.start();
    int transitionsBefore = lease(ns).getSpec().getLeaseTransitions();

    try (NodeMigrationHistory creations = new NodeMigrationHistory(kubectl, ns)) {
      NumaMigration migration = create(Migrations.bySelector(ns, "move-db", DB, "0", "1"));
      // worker-b's agent is not running yet: the run stays half done until after the kill.
      NumaMigrationStatus halfway =
          awaitStatus(ns, "move-db", "db-0 done, db-1 waiting", s -> "1/2".equals(s.getProgress()));
      assertThat(halfway.getPhase()).isEqualTo(MigrationPhase.Running);
      assertThat(nodeMigrations(ns, "move-db")).hasSize(2);
      assertThat(second.reconciliationsOf(ns, "move-db"))
          .as("reconciliations by the standby while operator-1 leads")
          .isZero();

      Instant renewedBeforeKill = lease(ns).getSpec().getRenewTime().toInstant();
      Instant killed = Instant.now();
      firstNetwork.sever();
      first.stop();
      startAgent(b);

      Lease taken = awaitLeaseHolder(ns, "operator-2");
      Duration takeover = Duration.between(killed, taken.getSpec().getAcquireTime().toInstant());
      LOG.info(
          "operator-2 acquired the Lease "
              + takeover.toMillis()
              + " ms after operator-1 was killed (lease duration "
              + LEASE_DURATION.toMillis()
              + " ms)");
      assertThat(taken.getSpec().getAcquireTime().toInstant())
          .as("takeover: not before the killed leader's last renewal has expired")
          .isAfterOrEqualTo(renewedBeforeKill.plus(LEASE_DURATION));
      assertThat(taken.getSpec().getLeaseTransitions()).isEqualTo(transitionsBefore + 1);

      NumaMigrationStatus done = awaitPhase(ns, "move-db", MigrationPhase.Succeeded);
      assertThat(done.getProgress()).isEqualTo("2/2");
      assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(2);
      assertThat(done.getSummary().getBytesMoved()).isEqualTo(db0.totalBytes() + db1.totalBytes());
      await("a finished reconciliation of move-db by operator-2")
          .atMost(WAIT)
          .pollInterval(Duration.ofMillis(50))
          .until(() -> second.reconciliationsOf(ns, "move-db") > 0);

      assertThat(creations.uidsByName())
          .as("each NodeMigration created once, by either instance, never again")
          .hasSize(2)
          .allSatisfy((name, uids) -> assertThat(uids).hasSize(1));
      assertThat(creations.deleted()).as("NodeMigrations deleted during the run").isEmpty();
      assertThat(nodeMigrations(ns, "move-db"))
          .extracting(n -> n.getMetadata().getUid())
          .containsExactlyInAnyOrderElementsOf(
              creations.uidsByName().values().stream().flatMap(Set::stream).toList());
      assertThat(a.migrator().calls())
          .extracting(RecordingPageMigrator.Call::pid)
          .containsExactlyElementsOf(db0.pids());
      assertThat(b.migrator().calls())
          .extracting(RecordingPageMigrator.Call::pid)
          .containsExactlyElementsOf(db1.pids());
      awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded");
    } finally {
      second.stop();
    }
  }

  private OperatorUnderTest electedOperator(KubernetesClient client, String ns, String identity) {
    return new OperatorUnderTest(
        client,
        Duration.ofSeconds(60),
        o ->
            o.withLeaderElectionConfiguration(
                LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(LEASE)
                    .withLeaseNamespace(ns)
                    .withIdentity(identity)
                    .withLeaseDuration(LEASE_DURATION)
                    .withRenewDeadline(RENEW_DEADLINE)
                    .withRetryPeriod(RETRY_PERIOD)
                    // JOSDK's default ends the JVM when leadership ends.
                    .withExitOnStopLeading(false)
                    .build()),
        c -> {});
  }

  private Lease awaitLeaseHolder(String ns, String identity) {
    return await("Lease " + ns + "/" + LEASE + " held by " + identity)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> lease(ns), l -> l != null && identity.equals(l.getSpec().getHolderIdentity()));
  }

  private Lease lease(String ns) {
    return kubectl.leases().inNamespace(ns).withName(LEASE).get();
  }
}
