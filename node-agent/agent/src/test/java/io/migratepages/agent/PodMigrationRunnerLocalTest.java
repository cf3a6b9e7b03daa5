package io.migratepages.agent;

import static io.migratepages.testsupport.CgroupTree.containerId;
import static io.migratepages.testsupport.CgroupTree.containerdId;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migratepages.agent.adapters.CgroupProcessResolver;
import io.migratepages.agent.adapters.EngineLocalNumaNodes;
import io.migratepages.agent.adapters.LazyNumaSyscalls;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.MoveOptions;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.testsupport.CgroupTree;
import io.migratepages.testsupport.CgroupTree.Driver;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * toNodes {@code local} in the agent: each PID's nodes come from its threads' CPU affinity in a
 * fixture /proc and the fixture's sysfs cpulists, through the engine's resolver, right before the
 * (recording) migrator moves its pages; the status says what {@code local} meant for each PID.
 */
class PodMigrationRunnerLocalTest {
  private static final String UID = "0b7c3f7e-1111-4a2b-9c3d-000000000001";
  private static final int PID = 101;

  @TempDir Path host;

  private final RecordingPageMigrator migrator = new RecordingPageMigrator();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private PodMigrationStatus run(HostFixture fixture, String from, int... pids) {
    fixture.write();
    CgroupTree cgroups =
        CgroupTree.kubelet(host, Driver.SYSTEMD)
            .container(UID, "Burstable", containerId("db"), pids);
    PodMigrationRunner runner =
        new PodMigrationRunner(
            new CgroupProcessResolver(cgroups.cgroupRoot(), cgroups.procRoot()),
            new EngineLocalNumaNodes(
                new MigrationEngine(new HostPaths(host), LazyNumaSyscalls.jna())),
            migrator,
            new AgentMetrics(registry));
    TargetPod pod =
        new TargetPod(
            "db-0", UID, "Burstable", List.of(new TargetContainer("db", containerdId("db"))));
    return runner.run(
        pod,
        "worker-1",
        new WorkTargets.Local(
            NumaNodeSpec.parse(from), NumaNodeSpec.parse("local"), MoveOptions.bounded()));
  }

  private static ProcessMigrationStatus process(PodMigrationStatus pod, int pid) {
    return pod.getProcesses().stream().filter(p -> p.getPid() == pid).findFirst().orElseThrow();
  }

  private double counter(String result) {
    var counter = registry.find("migratepages.agent.processes").tag("result", result).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void aProcessPinnedToNode1sCpusMovesFromNode0ToNode1() {
    HostFixture.cpusAllowed(host, PID, PID, "4-7");

    PodMigrationStatus pod = run(HostFixture.twoNodes(host), "all", PID);

    assertThat(migrator.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.from()).isEqualTo(NumaNodeSet.of(0));
              assertThat(call.to()).isEqualTo(NumaNodeSet.of(1));
              assertThat(call.nodes().options()).isEqualTo(MoveOptions.bounded());
            });
    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    ProcessMigrationStatus process = process(pod, PID);
    assertThat(process.getCpusAllowed()).isEqualTo("4-7");
    assertThat(process.getResolvedFromNodes()).isEqualTo("0");
    assertThat(process.getResolvedToNodes()).isEqualTo("1");
    assertThat(process.getBytesMoved()).isEqualTo(RecordingPageMigrator.DEFAULT_BYTES);
  }

  @Test
  void eachProcessGetsItsOwnLocalNodesFromTheUnionOfItsThreads() {
    HostFixture.cpusAllowed(host, PID, PID, "4");
    HostFixture.cpusAllowed(host, PID, PID + 50, "6-7");
    HostFixture.cpusAllowed(host, 102, 102, "0-1");

    PodMigrationStatus pod = run(HostFixture.fourNodes(host), "all", PID, 102);

    assertThat(migrator.calls())
        .extracting(
            RecordingPageMigrator.Call::pid, c -> c.from().toString(), c -> c.to().toString())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(PID, "0-1", "2-3"),
            org.assertj.core.groups.Tuple.tuple(102, "1-3", "0"));
    assertThat(process(pod, PID).getCpusAllowed()).isEqualTo("4,6-7");
    assertThat(process(pod, PID).getResolvedToNodes()).isEqualTo("2-3");
    assertThat(process(pod, 102).getResolvedFromNodes()).isEqualTo("1-3");
  }

  @Test
  void anExplicitFromNodesIsKept() {
    HostFixture.cpusAllowed(host, PID, PID, "2-3");

    PodMigrationStatus pod = run(HostFixture.fourNodes(host), "3", PID);

    assertThat(migrator.calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.from()).isEqualTo(NumaNodeSet.of(3));
              assertThat(call.to()).isEqualTo(NumaNodeSet.of(1));
            });
    assertThat(process(pod, PID).getResolvedFromNodes()).isEqualTo("3");
  }

  @Test
  void aProcessWhoseCpusSpanEveryNodeWithMemoryHasNothingToMoveAndIsToldSo() {
    HostFixture.cpusAllowed(host, PID, PID, "0-7");

    PodMigrationStatus pod = run(HostFixture.twoNodes(host), "all", PID);

    assertThat(migrator.calls()).isEmpty();
    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(pod.getReason()).isNull();
    assertThat(pod.getMessage())
        .isEqualTo(
            "1 process had nothing to move (pid 101: nothing to move: local = 0-1 (the process"
                + " may run on CPUs 0-7, on node(s) 0-1), and every NUMA node with memory is"
                + " local to the process)");
    ProcessMigrationStatus process = process(pod, PID);
    assertThat(process.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(process.getBytesMoved()).isZero();
    assertThat(process.getResolvedFromNodes()).isEqualTo("none");
    assertThat(process.getResolvedToNodes()).isEqualTo("0-1");
    assertThat(process.getMessage()).startsWith("nothing to move: local = 0-1");
    assertThat(counter("nothing_to_move")).isEqualTo(1);
    assertThat(counter("moved")).isZero();
  }

  @Test
  void nothingToMoveBesideAFailureIsAPartialSuccess() {
    HostFixture.cpusAllowed(host, PID, PID, "0-7");
    HostFixture.cpusAllowed(host, 102, 102, "4-7");
    migrator.fails(102, "preflight: no room on node 1");

    PodMigrationStatus pod = run(HostFixture.twoNodes(host), "all", PID, 102);

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(pod.getReason()).isEqualTo(PodReason.SomeProcessesFailed.name());
  }

  @Test
  void cpusOnlyOnANodeWithoutMemoryFailThatProcessNamingToNodes() {
    HostFixture.cpusAllowed(host, PID, PID, "1");

    PodMigrationStatus pod = run(HostFixture.fourNodesCpuOnlyNode1(host), "all", PID);

    assertThat(migrator.calls()).isEmpty();
    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(pod.getReason()).isEqualTo(PodReason.MigrationFailed.name());
    assertThat(process(pod, PID).getMessage())
        .startsWith("spec.toNodes: \"local\": the process's CPUs are on node(s) 1, none of which")
        .contains("nodes with memory: 0,2-3");
  }

  @Test
  void aProcessGoneBeforeItsCpusWereReadExited() {
    // no /proc/101/status nor task/: the process ended after the cgroup was read
    PodMigrationStatus pod = run(HostFixture.twoNodes(host), "all", PID);

    assertThat(migrator.calls()).isEmpty();
    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(pod.getReason()).isEqualTo(PodReason.NoProcesses.name());
    assertThat(counter("exited")).isEqualTo(1);
  }
}
