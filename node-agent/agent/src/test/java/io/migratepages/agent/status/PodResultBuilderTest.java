package io.migratepages.agent.status;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.agent.port.ProcessOutcome.Exited;
import io.migratepages.agent.port.ProcessOutcome.Failed;
import io.migratepages.agent.port.ProcessOutcome.Moved;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.v1alpha1.ContainerMigrationStatus;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.engine.local.LocalNodes;
import io.migratepages.engine.local.TargetNodes;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class PodResultBuilderTest {
  private static final long MI = 1 << 20;

  private static SortedMap<Integer, Long> bytes(long... perNode) {
    SortedMap<Integer, Long> map = new TreeMap<>();
    for (int i = 0; i + 1 < perNode.length; i += 2) {
      map.put((int) perNode[i], perNode[i + 1]);
    }
    return map;
  }

  private static Moved moved(
      int pid, SortedMap<Integer, Long> before, SortedMap<Integer, Long> after) {
    return new Moved(pid, before, after, 0, 2_500_000, List.of());
  }

  @Test
  void bytesMovedCountsOnlyWhatLeftEachNode() {
    // node 0 lost 100Mi, node 1 gained 60Mi, node 2 lost 10Mi, node 3 gained what node 2 lost
    Moved m =
        moved(
            1,
            bytes(0, 300 * MI, 1, 40 * MI, 2, 10 * MI),
            bytes(0, 200 * MI, 1, 100 * MI, 3, 10 * MI));

    assertThat(m.bytesMoved()).isEqualTo(110 * MI);
  }

  @Test
  void containerTotalsSumPerNodeAndPodSumsContainers() {
    PodMigrationStatus pod =
        PodResultBuilder.build(
            "db-0",
            "worker-1",
            List.of(
                ContainerRun.of(
                    "db",
                    List.of(
                        moved(10, bytes(0, 100 * MI, 1, 4 * MI), bytes(0, 0, 1, 104 * MI)),
                        moved(11, bytes(0, 50 * MI), bytes(0, 10 * MI, 1, 40 * MI)))),
                ContainerRun.of(
                    "sidecar", List.of(moved(20, bytes(0, 8 * MI), bytes(1, 8 * MI))))));

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(pod.getReason()).isNull();
    assertThat(pod.getNode()).isEqualTo("worker-1");
    assertThat(pod.getBytesMoved()).isEqualTo((100 + 40 + 8) * MI);
    ContainerMigrationStatus db = pod.getContainers().get(0);
    assertThat(db.getName()).isEqualTo("db");
    assertThat(db.getProcesses()).isEqualTo(2);
    assertThat(db.getProcessesFailed()).isZero();
    assertThat(db.getBytesMoved()).isEqualTo(140 * MI);
    assertThat(db.getBytesBefore())
        .containsExactly(Map.entry("0", 150 * MI), Map.entry("1", 4 * MI));
    assertThat(db.getBytesAfter())
        .containsExactly(Map.entry("0", 10 * MI), Map.entry("1", 144 * MI));
    assertThat(pod.getContainers().get(1).getBytesMoved()).isEqualTo(8 * MI);
    assertThat(pod.getProcesses()).hasSize(3);
    assertThat(pod.getProcessesOmitted()).isNull();
    ProcessMigrationStatus biggest = pod.getProcesses().get(0);
    assertThat(biggest.getPid()).isEqualTo(10);
    assertThat(biggest.getContainer()).isEqualTo("db");
    assertThat(biggest.getElapsedMillis()).isEqualTo(2);
    assertThat(biggest.getBytesAfter())
        .containsExactly(Map.entry("0", 0L), Map.entry("1", 104 * MI));
    assertThat(pod.getMessage()).isEqualTo("moved 148Mi from 3 processes in 2 containers");
  }

  @Test
  void nodeKeysStayInNumericOrder() {
    PodMigrationStatus pod =
        PodResultBuilder.build(
            "p",
            "n",
            List.of(
                ContainerRun.of("c", List.of(moved(1, bytes(2, 1, 10, 5), bytes(2, 6, 10, 0))))));

    assertThat(pod.getContainers().get(0).getBytesBefore().keySet()).containsExactly("2", "10");
  }

  @Test
  void processListIsBoundedButTotalsCountEveryProcess() {
    List<ProcessOutcome> outcomes = new ArrayList<>();
    for (int pid = 100; pid < 130; pid++) {
      outcomes.add(moved(pid, bytes(0, pid * MI), bytes(1, pid * MI)));
    }
    outcomes.add(new Failed(7, "EPERM"));
    outcomes.add(new Exited(8, "gone"));

    PodMigrationStatus pod =
        PodResultBuilder.build("p", "n", List.of(ContainerRun.of("c", outcomes)));

    assertThat(pod.getProcesses()).hasSize(PodMigrationStatus.MAX_PROCESSES);
    assertThat(pod.getProcessesOmitted()).isEqualTo(32 - PodMigrationStatus.MAX_PROCESSES);
    // the failure first, then the biggest movers
    assertThat(pod.getProcesses().get(0).getPid()).isEqualTo(7);
    assertThat(pod.getProcesses().get(0).getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(pod.getProcesses().get(1).getPid()).isEqualTo(129);
    assertThat(pod.getProcesses().get(15).getPid()).isEqualTo(115);
    ContainerMigrationStatus c = pod.getContainers().get(0);
    assertThat(c.getProcesses()).isEqualTo(32);
    assertThat(c.getProcessesFailed()).isEqualTo(1);
    long expected = 0;
    for (int pid = 100; pid < 130; pid++) {
      expected += pid * MI;
    }
    assertThat(c.getBytesMoved()).isEqualTo(expected);
    assertThat(pod.getBytesMoved()).isEqualTo(expected);
    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(pod.getReason()).isEqualTo(PodReason.SomeProcessesFailed.name());
    assertThat(pod.getMessage())
        .contains("1 of 32 processes failed (pid 7: EPERM)")
        .contains("1 process exited during the migration");
  }

  @Test
  void pagesNotMovedMakesThePodPartial() {
    Moved m = new Moved(1, bytes(0, 10 * MI), bytes(0, 2 * MI, 1, 8 * MI), 512, 0, List.of());

    PodMigrationStatus pod =
        PodResultBuilder.build("p", "n", List.of(ContainerRun.of("c", List.of(m))));

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(pod.getReason()).isEqualTo(PodReason.PagesNotMoved.name());
    assertThat(pod.getPagesNotMoved()).isEqualTo(512);
    assertThat(pod.getContainers().get(0).getPagesNotMoved()).isEqualTo(512);
    assertThat(pod.getMessage()).contains("512 pages could not be moved");
  }

  @Test
  void exitedProcessesAreNotFailures() {
    PodMigrationStatus pod =
        PodResultBuilder.build(
            "p",
            "n",
            List.of(
                ContainerRun.of(
                    "c",
                    List.of(
                        moved(1, bytes(0, MI), bytes(1, MI)),
                        new Exited(2, "process 2 exited while its pages moved")))));

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(pod.getContainers().get(0).getProcessesFailed()).isZero();
    assertThat(pod.getMessage()).contains("1 process exited during the migration");
    ProcessMigrationStatus exited = pod.getProcesses().get(1);
    assertThat(exited.getPid()).isEqualTo(2);
    assertThat(exited.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(exited.getMessage()).startsWith("exited during the migration");
  }

  @Test
  void everyProcessFailedIsMigrationFailed() {
    PodMigrationStatus pod =
        PodResultBuilder.build(
            "p",
            "n",
            List.of(ContainerRun.of("c", List.of(new Failed(5, "EPERM: add CAP_SYS_PTRACE")))));

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(pod.getReason()).isEqualTo(PodReason.MigrationFailed.name());
    assertThat(pod.getMessage()).contains("pid 5: EPERM: add CAP_SYS_PTRACE");
  }

  @Test
  void missingCgroupsAreContainerNotFound() {
    PodMigrationStatus pod =
        PodResultBuilder.build(
            "p", "n", List.of(ContainerRun.notFound("app", "no pod directory for uid 1234")));

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(pod.getReason()).isEqualTo(PodReason.ContainerNotFound.name());
    assertThat(pod.getMessage())
        .isEqualTo("container app not found: no pod directory for uid 1234");
  }

  @Test
  void oneMissingContainerBesideAMovedOneIsPartial() {
    PodMigrationStatus pod =
        PodResultBuilder.build(
            "p",
            "n",
            List.of(
                ContainerRun.of("app", List.of(moved(1, bytes(0, MI), bytes(1, MI)))),
                ContainerRun.notFound("sidecar", "gone")));

    assertThat(pod.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(pod.getReason()).isEqualTo(PodReason.ContainerNotFound.name());
  }

  @Test
  void noProcessesAtAll() {
    PodMigrationStatus empty =
        PodResultBuilder.build("p", "n", List.of(ContainerRun.of("c", List.of())));
    PodMigrationStatus allExited =
        PodResultBuilder.build(
            "p", "n", List.of(ContainerRun.of("c", List.of(new Exited(3, "gone")))));

    assertThat(empty.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(empty.getReason()).isEqualTo(PodReason.NoProcesses.name());
    assertThat(empty.getMessage()).startsWith("no processes in the containers' cgroups");
    assertThat(allExited.getReason()).isEqualTo(PodReason.NoProcesses.name());
    assertThat(allExited.getMessage()).startsWith("every process exited before its pages moved");
  }

  @Test
  void unknownPlacementAfterCountsNothingAsMoved() {
    Moved unknown = new Moved(1, bytes(0, 10 * MI), bytes(), false, 0, 0, List.of("cannot read"));

    PodMigrationStatus pod =
        PodResultBuilder.build("p", "n", List.of(ContainerRun.of("c", List.of(unknown))));

    assertThat(pod.getBytesMoved()).isZero();
    assertThat(pod.getProcesses().get(0).getMessage()).isEqualTo("cannot read");
  }

  @Test
  void longMessagesAreCut() {
    String detail = "x".repeat(5000);

    PodMigrationStatus pod =
        PodResultBuilder.build("p", "n", List.of(ContainerRun.notFound("app", detail)));

    assertThat(pod.getMessage()).hasSize(PodResultBuilder.MAX_MESSAGE).endsWith(" ... (cut)");
  }

  /** 512 sparse CPUs or NUMA nodes would make kilobytes per process in a status of 200 pods. */
  @Test
  void longLocalListsAreCut() {
    String everyOther =
        java.util.stream.IntStream.range(0, 512)
            .mapToObj(i -> Integer.toString(2 * i))
            .collect(java.util.stream.Collectors.joining(","));
    NumaNodeSet evenNodes =
        NumaNodeSet.of(java.util.stream.IntStream.range(0, 512).map(i -> 2 * i).toArray());
    TargetNodes local =
        new TargetNodes(
            NumaNodeSet.of(1),
            evenNodes,
            Optional.of(new LocalNodes(everyOther, evenNodes, evenNodes)));

    PodMigrationStatus pod =
        PodResultBuilder.build(
            "p",
            "n",
            List.of(
                ContainerRun.of(
                    "c", List.of(moved(7, bytes(1, MI), bytes(0, MI))), Map.of(7, local))));

    ProcessMigrationStatus process = pod.getProcesses().get(0);
    assertThat(process.getResolvedFromNodes()).isEqualTo("1");
    assertThat(process.getCpusAllowed())
        .hasSize(PodResultBuilder.MAX_LIST)
        .startsWith("0,2,4,")
        .endsWith(",... (cut)");
    assertThat(process.getResolvedToNodes()).hasSize(PodResultBuilder.MAX_LIST);
  }

  @Test
  void humanByteSizes() {
    assertThat(ByteSizes.human(0)).isEqualTo("0");
    assertThat(ByteSizes.human(1023)).isEqualTo("1023");
    assertThat(ByteSizes.human(4096)).isEqualTo("4Ki");
    assertThat(ByteSizes.human(256 * MI)).isEqualTo("256Mi");
    assertThat(ByteSizes.human(1536 * MI)).isEqualTo("1.5Gi");
  }
}
