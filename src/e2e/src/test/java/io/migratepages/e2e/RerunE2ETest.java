package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.dsl.NonDeletingOperation;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.CgroupTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 4: a spec edit (a new generation) runs the migration again with the new nodes; the same
 * YAML applied again, and a restart of the operator (and of the agents), run nothing.
 */
class RerunE2ETest extends EndToEndTest {
  private static final Map<String, String> DB = Map.of("app", "db");
  private static final Duration QUIET = Duration.ofSeconds(2);

  @Test
  void newGenerationRerunsWithTheNewNodesAndReapplyOrRestartRerunsNothing() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a");
    SimulatedKubeNode b = node("worker-b", CgroupTree.Driver.CGROUPFS);
    SimulatedPod db0 = a.pod(ns, "db-0").labels(DB).container("db", 30 * MI).run(kubectl);
    SimulatedPod db1 = b.pod(ns, "db-1").labels(DB).container("db", 20 * MI).run(kubectl);
    startOperator(Duration.ofSeconds(60));
    startAgent(a);
    startAgent(b);

    NumaMigration applied = Migrations.bySelector(ns, "move-db", DB, "0", "1");
    create(applied);
    NumaMigrationStatus first = awaitPhase(ns, "move-db", MigrationPhase.Succeeded);
    assertThat(first.getObservedGeneration()).isEqualTo(1L);
    assertThat(allMigratorCalls())
        .hasSize(2)
        .allSatisfy(c -> assertThat(c.to()).isEqualTo(NumaNodeSet.of(1)));

    // kubectl edit: toNodes 1 -> 3
    NumaMigration edited = get(ns, "move-db");
    edited.getSpec().setToNodes("3");
    NumaMigration stored = kubectl.resource(edited).update();
    assertThat(stored.getMetadata().getGeneration()).isEqualTo(2L);
    NumaMigrationStatus second =
        awaitStatus(
            ns,
            "move-db",
            "generation 2 Succeeded",
            s -> s.getObservedGeneration() == 2L && s.getPhase() == MigrationPhase.Succeeded);

    assertThat(second.getSummary().getBytesMoved()).isEqualTo(db0.totalBytes() + db1.totalBytes());
    assertThat(a.migrator().calls())
        .extracting(c -> c.pid() + ":" + c.from() + "->" + c.to())
        .containsExactly(db0.pids().get(0) + ":0->1", db0.pids().get(0) + ":0->3");
    assertThat(b.migrator().calls())
        .extracting(c -> c.pid() + ":" + c.from() + "->" + c.to())
        .containsExactly(db1.pids().get(0) + ":0->1", db1.pids().get(0) + ":0->3");
    List<NodeMigration> work = nodeMigrations(ns, "move-db");
    assertThat(work)
        .hasSize(2)
        .allSatisfy(
            n -> {
              assertThat(n.getSpec().getMigrationGeneration()).isEqualTo(2L);
              assertThat(n.getSpec().getToNodes()).isEqualTo("3");
              assertThat(n.getStatus().getObservedGeneration())
                  .isEqualTo(n.getMetadata().getGeneration());
            });

    // kubectl apply of the same YAML: nothing changes, so no new generation and no new run
    NumaMigration sameYaml = Migrations.bySelector(ns, "move-db", DB, "0", "3");
    NumaMigration reapplied = kubectl.resource(sameYaml).createOr(NonDeletingOperation::update);
    assertThat(reapplied.getMetadata().getGeneration()).isEqualTo(2L);
    assertThat(reapplied.getStatus()).isEqualTo(second);
    assertNothingHappens(reapplied, work, 4);

    // the operator pod restarts, and so do the agents
    int reconciledBefore = operator.reconciliationsOf(ns, "move-db");
    assertThat(reconciledBefore).isPositive();
    operator.stop();
    a.stopAgent();
    b.stopAgent();
    operator.start();
    startAgent(a);
    startAgent(b);
    await("the restarted operator to reconcile move-db")
        .atMost(WAIT)
        .until(() -> operator.reconciliationsOf(ns, "move-db") > 0);
    assertNothingHappens(reapplied, work, 4);
    assertThat(operator.metrics().find("migratepages.migrations").counters())
        .allSatisfy(c -> assertThat(c.count()).isZero());
  }

  /**
   * For a while: the migrators see no call beyond {@code calls}, and neither the NumaMigration nor
   * its NodeMigrations are written again (same resourceVersions), nor any Event recorded.
   */
  private void assertNothingHappens(NumaMigration migration, List<NodeMigration> work, int calls) {
    String ns = migration.getMetadata().getNamespace();
    int events = events(migration).size();
    List<String> versions = versions(work);
    await("nothing to happen for " + QUIET)
        .during(QUIET)
        .atMost(QUIET.plus(WAIT))
        .untilAsserted(
            () -> {
              assertThat(allMigratorCalls()).hasSize(calls);
              assertThat(get(ns, "move-db").getMetadata().getResourceVersion())
                  .isEqualTo(migration.getMetadata().getResourceVersion());
              assertThat(versions(nodeMigrations(ns, "move-db"))).isEqualTo(versions);
              assertThat(events(migration)).hasSize(events);
            });
  }

  private static List<String> versions(List<NodeMigration> work) {
    return work.stream()
        .map(n -> n.getMetadata().getName() + "@" + n.getMetadata().getResourceVersion())
        .toList();
  }
}
