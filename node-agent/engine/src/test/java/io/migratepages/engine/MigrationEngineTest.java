package io.migratepages.engine;

import static io.migratepages.testsupport.HostFixture.anonLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.testing.ScriptedSyscalls;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Engine logic against a scripted syscall layer; the kernel's side is tested in the NUMA VM. */
class MigrationEngineTest {
  private static final int PID = 321;
  private static final long PAGE = 4096;

  @TempDir Path root;
  private final ScriptedSyscalls syscalls = new ScriptedSyscalls();

  private HostPaths twoNodesWithProcessOnNode0() {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=100"));
    return host;
  }

  @Test
  void migratesWithTheKernelsMaskConventionAndReportsBeforeAndAfter() {
    HostPaths host = twoNodesWithProcessOnNode0();
    syscalls.duringMigration(
        () -> HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=10 N1=90")));
    syscalls.pagesNotMoved(10);

    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());

    var call = syscalls.migrateCalls().get(0);
    assertThat(call.pid()).isEqualTo(PID);
    assertThat(call.masks().maxnode()).isEqualTo(65);
    assertThat(call.masks().from()).containsExactly(1L);
    assertThat(call.masks().to()).containsExactly(2L);
    assertThat(r.pagesNotMoved()).isEqualTo(10);
    assertThat(r.before().bytes()).isEqualTo(Map.of(0, 100 * PAGE));
    assertThat(r.after().bytes()).isEqualTo(Map.of(0, 10 * PAGE, 1, 90 * PAGE));
    assertThat(r.after().anonymousBytes()).isEqualTo(Map.of(0, 10 * PAGE, 1, 90 * PAGE));
    assertThat(r.plan().moves()).hasToString("[0->1]");
    assertThat(r.elapsedNanos()).isNotNegative();
    assertThat(r.processExited()).isFalse();
    assertThat(r.warnings()).isEmpty();
    assertThat(syscalls.closedFds()).containsExactly(1000 + PID);
  }

  @Test
  void verifierRunsAfterThePidfdIsOpenAndCanStopTheMove() {
    HostPaths host = twoNodesWithProcessOnNode0();
    AtomicInteger asked = new AtomicInteger();
    ProcessVerifier refuses =
        pid -> {
          asked.set(pid);
          return Optional.of("process 321 left container db");
        };
    assertThatThrownBy(
            () ->
                new MigrationEngine(host, syscalls)
                    .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), refuses))
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PROCESS_REJECTED))
        .hasMessage("process 321 left container db");
    assertThat(asked.get()).isEqualTo(PID);
    assertThat(syscalls.migrateCalls()).isEmpty();
    assertThat(syscalls.closedFds()).containsExactly(1000 + PID);
  }

  @Test
  void processThatExitsDuringTheMoveIsReported() {
    HostPaths host = twoNodesWithProcessOnNode0();
    syscalls.failAliveCheck(Errno.ESRCH);
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
    assertThat(r.processExited()).isTrue();
    assertThat(r.after().bytes()).isEmpty();
    assertThat(r.warnings()).anyMatch(w -> w.contains("exited while its pages moved"));
  }

  @Test
  void aliveCheckRefusedForAnotherUsersProcessStillMeansAlive() {
    HostPaths host = twoNodesWithProcessOnNode0();
    syscalls.failAliveCheck(Errno.EPERM);
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
    assertThat(r.processExited()).isFalse();
  }

  @Test
  void preflightErrorsStopBeforeTheKernelIsCalled() {
    HostPaths host = new HostPaths(HostFixture.fourNodesOneMemoryless(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N0=1"));
    assertThatThrownBy(
            () ->
                new MigrationEngine(host, syscalls)
                    .migrate(
                        PID, NumaNodeSet.of(0), NumaNodeSet.of(3), ProcessVerifier.acceptAll()))
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PREFLIGHT_FAILED))
        .hasMessageContaining("node(s) 3 have no memory");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void errnoFromTheKernelBecomesATypedError() {
    HostPaths host = twoNodesWithProcessOnNode0();
    syscalls.failMigrate(Errno.EPERM);
    assertThatThrownBy(() -> moveZeroToOne(host))
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
              assertThat(e.errno()).contains(Errno.EPERM);
            })
        .hasMessageContaining("CAP_SYS_NICE");
    assertThat(syscalls.closedFds()).hasSize(1);
  }

  @Test
  void missingProcessIsNoSuchProcess() {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    syscalls.failPidfdOpen(Errno.ESRCH);
    assertThatThrownBy(
            () ->
                new MigrationEngine(host, syscalls)
                    .migrate(
                        99999, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll()))
        .isInstanceOfSatisfying(
            MigrationException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_PROCESS))
        .hasMessage("no such process 99999");
  }

  @Test
  void kernelWithoutPidfdStillMigratesButSaysSo() {
    HostPaths host = twoNodesWithProcessOnNode0();
    syscalls.failPidfdOpen(Errno.ENOSYS);
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
    assertThat(r.warnings()).anyMatch(w -> w.contains("PID reuse cannot be ruled out"));
    assertThat(syscalls.migrateCalls()).hasSize(1);
    assertThat(syscalls.closedFds()).isEmpty();
  }

  @Test
  void identicalSetsStillAskTheKernelLikeNumactlDoes() {
    HostPaths host = twoNodesWithProcessOnNode0();
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0, 1), NumaNodeSet.of(0, 1), ProcessVerifier.acceptAll());
    assertThat(r.plan().movesNothing()).isTrue();
    assertThat(syscalls.migrateCalls()).hasSize(1);
  }

  @Test
  void previewReadsPlacementAndPlansWithoutCallingTheKernel() {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).numaBalancing(1).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N0=3 N1=1"));
    MigrationPreview p =
        new MigrationEngine(host, syscalls)
            .preview(PID, NumaNodeSet.of(0, 1), NumaNodeSet.of(1, 0));
    assertThat(p.before().bytes()).isEqualTo(Map.of(0, 3 * PAGE, 1, PAGE));
    assertThat(p.plan().movesNothing()).isTrue();
    assertThat(p.preflight().warnings()).anyMatch(w -> w.contains("numa_balancing"));
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void previewOfAMissingProcess() {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).hostPidNamespace(false).write());
    assertThatThrownBy(
            () ->
                new MigrationEngine(host, syscalls)
                    .preview(4, NumaNodeSet.of(0), NumaNodeSet.of(1)))
        .hasMessageContaining("no such process 4 in this PID namespace");
  }

  @Test
  void aThreadIdMigratesItsProcessLikeNumactlDoes() {
    HostPaths host = twoNodesWithProcessOnNode0();
    HostFixture.thread(host.root(), PID + 1, PID);
    AtomicInteger verified = new AtomicInteger();
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(
                PID + 1,
                NumaNodeSet.of(0),
                NumaNodeSet.of(1),
                pid -> {
                  verified.set(pid);
                  return Optional.empty();
                });
    assertThat(r.pid()).isEqualTo(PID);
    assertThat(verified.get()).isEqualTo(PID);
    assertThat(syscalls.migrateCalls().get(0).pid()).isEqualTo(PID);
    assertThat(r.before().bytes()).isEqualTo(Map.of(0, 100 * PAGE));
    assertThat(r.warnings())
        .contains(
            "322 is a thread of process 321: its threads share their memory, so process 321 is migrated");
  }

  @Test
  void unreadableNumaMapsIsAWarningNotAnError() throws Exception {
    HostPaths host = twoNodesWithProcessOnNode0();
    java.nio.file.Path maps = host.proc().resolve(PID + "/numa_maps");
    java.nio.file.Files.delete(maps);
    java.nio.file.Files.createDirectory(maps); // reading a directory fails like an unreadable file
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
    assertThat(r.before().bytes()).isEmpty();
    assertThat(r.warnings())
        .anyMatch(w -> w.startsWith("cannot read ") && w.endsWith("placement unknown"));
    assertThat(syscalls.migrateCalls()).hasSize(1);
  }

  @Test
  void hostWithoutNumaSysfs() {
    assertThatThrownBy(
            () ->
                new MigrationEngine(new HostPaths(root), syscalls)
                    .migrate(
                        PID, NumaNodeSet.of(0), NumaNodeSet.of(0), ProcessVerifier.acceptAll()))
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.NUMA_UNAVAILABLE))
        .hasMessageContaining("does not support NUMA");
  }

  private MigrationResult moveZeroToOne(HostPaths host) throws MigrationException {
    return new MigrationEngine(host, syscalls)
        .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
  }
}
