package io.migratepages.agent.adapters;

import static io.migratepages.testsupport.HostFixture.anonLine;
import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.testing.ScriptedSyscalls;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How engine results and errors become process outcomes (the syscalls are scripted). */
class EnginePageMigratorTest {
  private static final int PID = 321;
  private static final long PAGE = 4096;
  private static final NumaNodeSelection ZERO_TO_ONE =
      new NumaNodeSelection(NumaNodeSet.of(0), NumaNodeSet.of(1));
  private static final ProcessCheck ACCEPT = pid -> Optional.empty();

  @TempDir Path root;
  private final ScriptedSyscalls syscalls = new ScriptedSyscalls();
  private HostPaths host;
  private EnginePageMigrator migrator;

  @BeforeEach
  void host() {
    host = new HostPaths(HostFixture.twoNodes(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=100"));
    migrator = new EnginePageMigrator(new MigrationEngine(host, syscalls));
  }

  @Test
  void movedProcessCarriesPlacementBeforeAndAfter() {
    syscalls
        .pagesNotMoved(10)
        .duringMigration(
            () -> HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=10 N1=90")));

    ProcessOutcome outcome = migrator.migrate(PID, ZERO_TO_ONE, ACCEPT);

    assertThat(outcome).isInstanceOf(ProcessOutcome.Moved.class);
    ProcessOutcome.Moved moved = (ProcessOutcome.Moved) outcome;
    assertThat(moved.bytesBefore()).isEqualTo(Map.of(0, 100 * PAGE));
    assertThat(moved.bytesAfter()).isEqualTo(Map.of(0, 10 * PAGE, 1, 90 * PAGE));
    assertThat(moved.afterKnown()).isTrue();
    assertThat(moved.bytesMoved()).isEqualTo(90 * PAGE);
    assertThat(moved.pagesNotMoved()).isEqualTo(10);
    assertThat(syscalls.migrateCalls())
        .singleElement()
        .satisfies(c -> assertThat(c.pid()).isEqualTo(PID));
  }

  @Test
  void rejectedByTheCheckIsExitedNotFailed() {
    ProcessOutcome outcome =
        migrator.migrate(PID, ZERO_TO_ONE, pid -> Optional.of("pid 321 is in another cgroup"));

    assertThat(outcome).isEqualTo(new ProcessOutcome.Exited(PID, "pid 321 is in another cgroup"));
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void processGoneBeforeTheMoveIsExited() {
    syscalls.failPidfdOpen(Errno.ESRCH);

    assertThat(migrator.migrate(PID, ZERO_TO_ONE, ACCEPT))
        .isInstanceOf(ProcessOutcome.Exited.class);
  }

  @Test
  void processThatExitsDuringTheMoveIsExited() {
    syscalls.failAliveCheck(Errno.ESRCH);

    ProcessOutcome outcome = migrator.migrate(PID, ZERO_TO_ONE, ACCEPT);

    assertThat(outcome).isInstanceOf(ProcessOutcome.Exited.class);
    assertThat(((ProcessOutcome.Exited) outcome).message())
        .contains("exited while its pages moved");
  }

  @Test
  void kernelRefusalIsFailedWithTheEnginesAdvice() {
    syscalls.failMigrate(Errno.EPERM);

    ProcessOutcome outcome = migrator.migrate(PID, ZERO_TO_ONE, ACCEPT);

    assertThat(outcome).isInstanceOf(ProcessOutcome.Failed.class);
    assertThat(((ProcessOutcome.Failed) outcome).message()).isNotBlank();
  }

  @Test
  void aZombieIsExitedNotFailed() {
    HostFixture.processStatus(host.root(), PID, "postgres", "Z", false);

    ProcessOutcome outcome = migrator.migrate(PID, ZERO_TO_ONE, ACCEPT);

    assertThat(outcome).isInstanceOf(ProcessOutcome.Exited.class);
    assertThat(((ProcessOutcome.Exited) outcome).message()).contains("is a zombie");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void aProcessThatBecomesAZombieDuringTheMoveIsExitedNotMovedWithEmptyPlacement() {
    HostFixture.processStatus(host.root(), PID, "postgres", "S", true);
    syscalls.duringMigration(
        () -> {
          HostFixture.numaMaps(host.root(), PID);
          HostFixture.processStatus(host.root(), PID, "postgres", "Z", false);
        });

    ProcessOutcome outcome = migrator.migrate(PID, ZERO_TO_ONE, ACCEPT);

    assertThat(outcome).isInstanceOf(ProcessOutcome.Exited.class);
    assertThat(((ProcessOutcome.Exited) outcome).message()).contains("zombie now");
  }

  @Test
  void aMemorylessSourceNodeIsLeftOutAndTheReportSaysSo() {
    HostPaths fourNodes =
        new HostPaths(HostFixture.fourNodesCpuOnlyNode1(root.resolve("four")).write());
    HostFixture.numaMaps(fourNodes.root(), PID, anonLine(0x1000, "N3=100"));
    EnginePageMigrator onFourNodes =
        new EnginePageMigrator(new MigrationEngine(fourNodes, syscalls));

    ProcessOutcome outcome =
        onFourNodes.migrate(
            PID, new NumaNodeSelection(NumaNodeSet.range(0, 3), NumaNodeSet.of(0, 2)), ACCEPT);

    assertThat(syscalls.migrateCalls().get(0).masks().from()).containsExactly(0b1101L);
    assertThat(((ProcessOutcome.Moved) outcome).warnings())
        .anyMatch(w -> w.startsWith("source node(s) 1 have no memory"));
  }
}
