package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.CgroupTree;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scenario 1: a selector matching pods on two nodes runs on both nodes' agents to Succeeded. */
class MultiKubeNodeMigrationE2ETest extends EndToEndTest {
  private static final Map<String, String> DB = Map.of("app", "db");

  @Test
  void selectorOverTwoNodesGivesTwoNodeMigrationsAndEndsSucceeded() {
    String ns = namespace("shop");
    SimulatedKubeNode a = node("worker-a", CgroupTree.Driver.SYSTEMD);
    SimulatedKubeNode b = node("worker-b", CgroupTree.Driver.CGROUPFS);
    SimulatedPod db0 =
        a.pod(ns, "db-0")
            .labels(DB)
            .container("db", 96 * MI, 32 * MI)
            .container("sidecar", 8 * MI)
            .run(kubectl);
    SimulatedPod db1 =
        b.pod(ns, "db-1").labels(DB).qos("Guaranteed").container("db", 64 * MI).run(kubectl);
    SimulatedPod web0 =
        a.pod(ns, "web-0").label("app", "web").container("web", 16 * MI).run(kubectl);
    startOperator(Duration.ofSeconds(30));
    startAgent(a);
    startAgent(b);

    NumaMigration migration = create(Migrations.bySelector(ns, "move-db", DB, "0", "1"));
    NumaMigrationStatus status = awaitPhase(ns, "move-db", MigrationPhase.Succeeded);
    capture(ns, "move-db", "succeeded");

    long expectedBytes = db0.totalBytes() + db1.totalBytes();
    assertThat(expectedBytes).isEqualTo(200 * MI);
    assertThat(status.getObservedGeneration()).isEqualTo(migration.getMetadata().getGeneration());
    assertThat(status.getSummary().getPodsTargeted()).isEqualTo(2);
    assertThat(status.getSummary().getPodsSucceeded()).isEqualTo(2);
    assertThat(status.getSummary().getPodsFailed()).isZero();
    assertThat(status.getSummary().getBytesMoved()).isEqualTo(expectedBytes);
    assertThat(status.getSummary().getPagesNotMoved()).isZero();
    assertThat(status.getMoved()).isEqualTo("200Mi");
    assertThat(status.getProgress()).isEqualTo("2/2");
    assertThat(status.getStartTime()).isNotBlank();
    assertThat(status.getCompletionTime()).isNotBlank();

    PodMigrationStatus onA = pod(status, "db-0");
    assertThat(onA.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(onA.getNode()).isEqualTo("worker-a");
    assertThat(onA.getBytesMoved()).isEqualTo(db0.totalBytes());
    assertThat(onA.getReason()).isNull();
    assertThat(onA.getContainers())
        .extracting(c -> c.getName() + "=" + c.getProcesses() + "/" + c.getBytesMoved())
        .containsExactly("db=2/" + 128 * MI, "sidecar=1/" + 8 * MI);
    PodMigrationStatus onB = pod(status, "db-1");
    assertThat(onB.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(onB.getNode()).isEqualTo("worker-b");
    assertThat(onB.getBytesMoved()).isEqualTo(64 * MI);
    assertThat(status.getPods()).extracting(PodMigrationStatus::getName).doesNotContain("web-0");

    assertThat(condition(status, "Accepted").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Accepted").getReason()).isEqualTo("Dispatched");
    assertThat(condition(status, "Accepted").getMessage())
        .isEqualTo("2 pods on 2 nodes dispatched");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("Succeeded");
    assertThat(status.getConditions())
        .allSatisfy(c -> assertThat(c.getObservedGeneration()).isEqualTo(1L));

    List<NodeMigration> work = nodeMigrations(ns, "move-db");
    assertThat(work)
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("move-db-worker-a", "move-db-worker-b");
    for (NodeMigration n : work) {
      String node = n.getSpec().getNodeName();
      assertThat(n.getMetadata().getLabels())
          .containsEntry(ApiGroup.NODE_LABEL, node)
          .containsEntry(ApiGroup.MIGRATION_LABEL, "move-db");
      OwnerReference owner = n.getMetadata().getOwnerReferences().get(0);
      assertThat(owner.getKind()).isEqualTo("NumaMigration");
      assertThat(owner.getName()).isEqualTo("move-db");
      assertThat(owner.getUid()).isEqualTo(migration.getMetadata().getUid());
      assertThat(owner.getController()).isTrue();
      assertThat(n.getSpec().getMigrationGeneration()).isEqualTo(1L);
      assertThat(n.getSpec().getFromNodes()).isEqualTo("0");
      assertThat(n.getSpec().getToNodes()).isEqualTo("1");
      assertThat(n.getStatus().getPhase()).isEqualTo(MigrationPhase.Succeeded);
      assertThat(n.getStatus().getObservedGeneration()).isEqualTo(n.getMetadata().getGeneration());
      assertThat(n.getStatus().getAgent()).isEqualTo(nodes.get(node).agentName());
    }
    TargetPod dispatchedToA = work.get(0).getSpec().getPods().get(0);
    assertThat(work.get(0).getSpec().getPods()).hasSize(1);
    assertThat(dispatchedToA.getName()).isEqualTo("db-0");
    assertThat(dispatchedToA.getUid()).isEqualTo(db0.uid());
    assertThat(dispatchedToA.getContainers())
        .extracting(c -> c.getName() + " " + c.getContainerId())
        .containsExactly(
            "db containerd://" + db0.containers().get(0).containerId(),
            "sidecar containerd://" + db0.containers().get(1).containerId());
    assertThat(work.get(1).getSpec().getPods())
        .extracting(TargetPod::getName)
        .containsExactly("db-1");

    assertThat(a.migrator().calls())
        .extracting(RecordingPageMigrator.Call::pid)
        .containsExactlyInAnyOrderElementsOf(db0.pids())
        .doesNotContainAnyElementsOf(web0.pids());
    assertThat(b.migrator().calls())
        .extracting(RecordingPageMigrator.Call::pid)
        .containsExactlyElementsOf(db1.pids());
    assertThat(allMigratorCalls())
        .allSatisfy(
            call -> {
              assertThat(call.moved()).isTrue();
              assertThat(call.from()).isEqualTo(NumaNodeSet.of(0));
              assertThat(call.to()).isEqualTo(NumaNodeSet.of(1));
            });
    assertThat(allMigratorCalls().stream().mapToLong(RecordingPageMigrator.Call::bytes).sum())
        .isEqualTo(expectedBytes);

    List<Event> events = awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded");
    assertThat(events).allSatisfy(e -> assertThat(e.getType()).isEqualTo("Normal"));
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("MigrationSucceeded"))
        .singleElement()
        .satisfies(e -> assertThat(e.getMessage()).isEqualTo("2 pods migrated, 200Mi moved"));
    assertThat(operator.migrationsCounted("succeeded")).isEqualTo(1.0);
    assertThat(operator.metrics().get("migratepages.bytes.moved").counter().count())
        .isEqualTo((double) expectedBytes);
  }
}
