package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code toNodes: local} on the real API server: admitted by the CRD with fromNodes defaulted to
 * all, passed through by the operator to the NodeMigration unresolved, resolved by the agent for
 * each process from its CPU affinity (the simulated node's {@code /proc/PID/task/TID/status} and
 * sysfs cpulists, written by HostFixture, read by the engine's real resolver), and shown in the
 * NumaMigration's per-process status.
 *
 * <p>The pages are "moved" by the recording migrator, not the kernel: this test is about the API
 * path and the resolution. {@code local} moving real pages next to a process pinned with taskset
 * runs on a real kernel in the NUMA VM ({@code src/kernel-tests} BoundedAndLocalKernelTest).
 */
class LocalNodesE2ETest extends EndToEndTest {

  @Test
  void eachProcessMovesNextToItsCpusAndTheStatusSaysWhereThatWas() {
    String ns = namespace("near");
    SimulatedKubeNode a = node("worker-a");
    // four NUMA nodes with memory, as the agent's host topology says (node n: CPUs 2n, 2n+1)
    HostFixture.fourNodes(a.hostRoot()).write();
    SimulatedPod db0 = a.pod(ns, "db-0").label("app", "db").container("db", 30 * MI).run(kubectl);
    SimulatedPod db1 = a.pod(ns, "db-1").label("app", "db").container("db", 20 * MI).run(kubectl);
    int pinned = db0.pids().get(0);
    int anywhere = db1.pids().get(0);
    HostFixture.cpusAllowed(a.hostRoot(), pinned, pinned, "2"); // the CPU manager's pinning
    HostFixture.cpusAllowed(a.hostRoot(), pinned, pinned + 500, "3"); // a second thread
    HostFixture.cpusAllowed(a.hostRoot(), anywhere, anywhere, "0-7");
    startOperator(Duration.ofSeconds(60));
    startAgent(a);

    NumaMigration migration = create(Migrations.bySelector(ns, "near-cpus", APP_DB, null, "local"));
    assertThat(migration.getSpec().getFromNodes()).as("the API server's default").isEqualTo("all");
    NumaMigrationStatus status = awaitPhase(ns, "near-cpus", MigrationPhase.Succeeded);

    NodeMigration work = nodeMigrations(ns, "near-cpus").get(0);
    assertThat(work.getSpec().getToNodes()).isEqualTo("local");
    assertThat(work.getSpec().getFromNodes()).isEqualTo("all");
    assertThat(a.migrator().calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.pid()).isEqualTo(pinned);
              assertThat(call.from()).isEqualTo(NumaNodeSet.of(0, 2, 3));
              assertThat(call.to()).isEqualTo(NumaNodeSet.of(1));
            });

    ProcessMigrationStatus moved = onlyProcess(pod(status, "db-0"));
    assertThat(moved.getPid()).isEqualTo(pinned);
    assertThat(moved.getCpusAllowed()).isEqualTo("2-3");
    assertThat(moved.getResolvedToNodes()).isEqualTo("1");
    assertThat(moved.getResolvedFromNodes()).isEqualTo("0,2-3");
    assertThat(moved.getBytesMoved()).isEqualTo(30 * MI);

    PodMigrationStatus alreadyLocal = pod(status, "db-1");
    assertThat(alreadyLocal.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(alreadyLocal.getMessage()).startsWith("1 process had nothing to move");
    ProcessMigrationStatus nothing = onlyProcess(alreadyLocal);
    assertThat(nothing.getResolvedToNodes()).isEqualTo("0-3");
    assertThat(nothing.getResolvedFromNodes()).isEqualTo("none");
    assertThat(nothing.getMessage())
        .isEqualTo(
            "nothing to move: local = 0-3 (the process may run on CPUs 0-7, on node(s) 0-3), and"
                + " every NUMA node with memory is local to the process");
    assertThat(status.getSummary().getBytesMoved()).isEqualTo(30 * MI);

    Event started =
        awaitEventReasons(migration, "MigrationStarted", "MigrationSucceeded").stream()
            .filter(e -> e.getReason().equals("MigrationStarted"))
            .findFirst()
            .orElseThrow();
    assertThat(started.getMessage())
        .startsWith(
            "moving memory of 2 pods to the NUMA nodes of each process's CPUs (toNodes local)"
                + " from every other NUMA node with memory");
  }

  private static ProcessMigrationStatus onlyProcess(PodMigrationStatus pod) {
    assertThat(pod.getProcesses()).hasSize(1);
    return pod.getProcesses().get(0);
  }
}
