package io.migratepages.engine;

import static io.migratepages.testsupport.HostFixture.anonLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.plan.NumaNodeMove;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.testing.ScriptedSyscalls;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where numactl's behaviour is easy to miss: a memoryless node in FROM, zombies, kernel threads and
 * processes that exit during the move. The kernel's side is in the NUMA VM tests.
 */
class MigrationEngineEdgeCasesTest {
  private static final int PID = 321;
  private static final NumaNodeSet ALL_FOUR = NumaNodeSet.range(0, 3);
  private static final NumaNodeSet ZERO_AND_TWO = NumaNodeSet.of(0, 2);

  @TempDir Path root;
  private final ScriptedSyscalls syscalls = new ScriptedSyscalls();

  /** Like the VM's 4-memoryless topology: node 1 has CPUs and no memory. */
  private HostPaths node1Memoryless() {
    HostPaths host = new HostPaths(HostFixture.fourNodesCpuOnlyNode1(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=10 N2=20 N3=30"));
    HostFixture.processStatus(host.root(), PID, "memhog", "S", true);
    return host;
  }

  private HostPaths twoNodes(String state, boolean hasMm) {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    HostFixture.numaMaps(host.root(), PID, state.equals("S") ? anonLine(0x1000, "N0=100") : "");
    boolean kernelThread = !hasMm && !state.equals("Z");
    HostFixture.processStatus(host.root(), PID, kernelThread ? "kthreadd" : "memhog", state, hasMm);
    return host;
  }

  @Test
  void aMemorylessNodeIsLeftOutOfWhatTheKernelGets() {
    HostPaths host = node1Memoryless();

    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, ALL_FOUR, ZERO_AND_TWO, ProcessVerifier.acceptAll());

    var masks = syscalls.migrateCalls().get(0).masks();
    assertThat(masks.from()).containsExactly(0b1101L);
    assertThat(masks.to()).containsExactly(0b0101L);
    assertThat(r.from()).isEqualTo(NumaNodeSet.of(0, 2, 3));
    assertThat(r.plan().moves()).containsExactly(new NumaNodeMove(3, 0));
    assertThat(r.warnings()).anyMatch(w -> w.startsWith("source node(s) 1 have no memory"));
  }

  @Test
  void theDryRunPlansWhatTheKernelWillDo() {
    HostPaths host = node1Memoryless();

    MigrationPreview p = new MigrationEngine(host, syscalls).preview(PID, ALL_FOUR, ZERO_AND_TWO);

    assertThat(p.plan().from()).isEqualTo(NumaNodeSet.of(0, 2, 3));
    assertThat(p.plan().moves()).containsExactly(new NumaNodeMove(3, 0));
    assertThat(p.plan().bytesToMove(p.before())).isEqualTo(30 * 4096L);
    assertThat(p.preflight().warnings())
        .anyMatch(w -> w.startsWith("source node(s) 1 have no memory"));
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void onlyTheMemorylessNodeAsSourceMovesNothingAndSaysWhy() {
    HostPaths host = node1Memoryless();

    MigrationPreview p =
        new MigrationEngine(host, syscalls).preview(PID, NumaNodeSet.of(1), ZERO_AND_TWO);

    assertThat(p.plan().from()).isEqualTo(NumaNodeSet.empty());
    assertThat(p.plan().movesNothing()).isTrue();
    assertThat(p.preflight().warnings()).anyMatch(w -> w.contains("1 have no memory"));
  }

  @Test
  void aZombieIsToldApartBeforeTheKernelIsCalled() {
    HostPaths host = twoNodes("Z", false);

    assertThatThrownBy(() -> moveZeroToOne(host))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROCESS_EXITED))
        .hasMessage(
            "process 321 (memhog) has exited: it is a zombie (State Z in /proc/321/status) that"
                + " its parent has not reaped yet, and has no memory left to move");
    assertThat(syscalls.migrateCalls()).isEmpty();
    assertThat(syscalls.closedFds()).containsExactly(1000 + PID);
  }

  @Test
  void theDryRunOfAZombieFailsTheSameWay() {
    HostPaths host = twoNodes("Z", false);

    assertThatThrownBy(
            () ->
                new MigrationEngine(host, syscalls)
                    .preview(PID, NumaNodeSet.of(0), NumaNodeSet.of(1)))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROCESS_EXITED))
        .hasMessageContaining("is a zombie");
  }

  @Test
  void aKernelThreadIsNamedAsSuch() {
    HostPaths host = twoNodes("S", false);

    assertThatThrownBy(() -> moveZeroToOne(host))
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
              assertThat(e.errno()).contains(Errno.EINVAL);
            })
        .hasMessage(
            "process 321 (kthreadd) is a kernel thread: it has no user memory to move"
                + " (migrate_pages would fail with EINVAL)");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void theDryRunOfAKernelThreadFailsTheSameWay() {
    HostPaths host = twoNodes("I", false);

    assertThatThrownBy(
            () ->
                new MigrationEngine(host, syscalls)
                    .preview(PID, NumaNodeSet.of(0), NumaNodeSet.of(1)))
        .hasMessageContaining("is a kernel thread");
  }

  @Test
  void aProcessThatBecomesAZombieDuringTheMoveIsReportedAsExited() {
    HostPaths host = twoNodes("S", true);
    syscalls.duringMigration(
        () -> {
          HostFixture.numaMaps(host.root(), PID);
          HostFixture.processStatus(host.root(), PID, "memhog", "Z", false);
        });

    // The pidfd of a zombie still answers signal 0: only /proc/PID/status tells.
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());

    assertThat(r.processExited()).isTrue();
    assertThat(r.after().bytes()).isEmpty();
    assertThat(r.warnings())
        .singleElement()
        .asString()
        .startsWith("process 321 exited while its pages moved (it is a zombie now");
  }

  @Test
  void einvalFromAProcessThatExitedInsideTheCallIsExplainedAsAnExit() {
    HostPaths host = twoNodes("S", true);
    syscalls
        .duringMigration(() -> HostFixture.processStatus(host.root(), PID, "memhog", "Z", false))
        .failMigrate(Errno.EINVAL);

    assertThatThrownBy(() -> moveZeroToOne(host))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.PROCESS_EXITED))
        .hasMessageContaining("is a zombie");
  }

  @Test
  void aLiveProcessKeepsItsPlacementAfterTheMove() {
    HostPaths host = twoNodes("S", true);
    syscalls.duringMigration(
        () -> HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N1=100")));

    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());

    assertThat(r.processExited()).isFalse();
    assertThat(r.after().bytesOn(1)).isEqualTo(100 * 4096L);
  }

  private MigrationResult moveZeroToOne(HostPaths host) throws MigrationException {
    return new MigrationEngine(host, syscalls)
        .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
  }
}
