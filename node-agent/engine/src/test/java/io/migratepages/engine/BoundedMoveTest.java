package io.migratepages.engine;

import static io.migratepages.testsupport.HostFixture.anonLine;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.bounded.BatchSchedule;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.MovePagesFlags;
import io.migratepages.engine.testing.ScriptedSyscalls;
import io.migratepages.engine.testing.ScriptedSyscalls.MovePagesCall;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bounded mode's planning, batching and accounting against a scripted page table and clock
 * (ScriptedSyscalls): which pages are asked for, in which batches, and how the answers are counted.
 * What the kernel really does with move_pages is tested in the NUMA VM (src/kernel-tests).
 */
class BoundedMoveTest {
  private static final int PID = 321;
  private static final long PAGE = 4096;
  private static final long HUGE = 2 << 20;
  private static final long A = 0x7f0000000000L;
  private static final long B = 0x7f1000000000L;

  @TempDir Path root;
  private final ScriptedSyscalls syscalls = new ScriptedSyscalls();

  private HostPaths host(HostFixture fixture) {
    return new HostPaths(fixture.write());
  }

  private MigrationResult bounded(HostPaths host, NumaNodeSet from, NumaNodeSet to, MoveOptions o) {
    return new MigrationEngine(host, syscalls, syscalls.clock())
        .migrate(PID, from, to, ProcessVerifier.acceptAll(), o);
  }

  private HostPaths twoNodesWithPagesOnNode0(int pages) {
    HostPaths host = host(HostFixture.twoNodes(root));
    HostFixture.numaMaps(host.root(), PID, anonLine(A, "N0=" + pages));
    HostFixture.maps(host.root(), PID, A, A + pages * PAGE);
    syscalls.pages(A, pages, PAGE, 0);
    return host;
  }

  @Test
  void batchesGrowFromSixtyFourPagesToWhatFitsTheBudgetAndEveryPageMoves() {
    HostPaths host = twoNodesWithPagesOnNode0(3000);
    syscalls.nanosPerMovedPage(10_000); // 10 µs a page: 10 ms holds 1000, the sizer aims at 800

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(r.mode()).isEqualTo(MoveMode.BOUNDED);
    assertThat(syscalls.movingCalls().stream().map(c -> c.addresses().length).toList())
        .startsWith(64, 128, 256, 512, 800, 800);
    for (int i = 0; i < 3000; i++) {
      assertThat(syscalls.nodeOf(A + i * PAGE)).contains(1);
    }
    MoveStats stats = r.stats();
    assertThat(stats.calls()).isEqualTo(syscalls.movingCalls().size());
    assertThat(stats.bytesMoved()).isEqualTo(3000 * PAGE);
    assertThat(stats.longestCallNanos()).isEqualTo(8_000_000).isLessThanOrEqualTo(10_000_000);
    assertThat(stats.p99CallNanos()).isEqualTo(8_000_000);
    assertThat(stats.notMovedByReason()).isEmpty();
    assertThat(r.pagesNotMoved()).isZero();
    assertThat(stats.elapsedNanos()).isEqualTo(3000 * 10_000L);
    assertThat(stats.throughputBytesPerSecond()).isEqualTo(PAGE * 1e9 / 10_000);
    assertThat(syscalls.movingCalls()).allMatch(c -> c.flags() == MovePagesFlags.MOVE_ALL);
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void aShorterBudgetMakesSmallerBatches() {
    HostPaths host = twoNodesWithPagesOnNode0(1000);
    syscalls.nanosPerMovedPage(10_000);
    bounded(
        host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded(Duration.ofMillis(1), 0));
    assertThat(syscalls.movingCalls()).allMatch(c -> c.addresses().length <= 80);
    assertThat(syscalls.movingCalls().stream().mapToLong(MovePagesCall::nanos).max())
        .hasValue(800_000);
  }

  @Test
  void aFixedCostPerCallLeavesLessOfTheBudgetForPages() {
    HostPaths host = twoNodesWithPagesOnNode0(5000);
    syscalls.nanosPerMovedPage(10_000).nanosPerCall(2_000_000);
    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());
    // (8 ms - 2 ms) / 10 µs = 600 pages a call
    assertThat(syscalls.movingCalls().stream().map(c -> c.addresses().length).toList())
        .startsWith(64, 128, 256, 512, 600);
    assertThat(r.stats().longestCallNanos()).isBetween(7_990_000L, 8_000_000L);
    assertThat(r.warnings()).noneMatch(w -> w.contains("budget allows"));
  }

  @Test
  void aFixedCostAboveTheBudgetIsSaidAndAmortized() {
    HostPaths host = twoNodesWithPagesOnNode0(5000);
    syscalls.nanosPerMovedPage(10_000).nanosPerCall(12_000_000);
    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());
    // The first call alone looks like 197 µs a page (40 fit); once two sizes are seen the fit
    // finds the 12 ms fixed part: calls of 1200 pages, half of each call's time the fixed part.
    assertThat(syscalls.movingCalls().stream().map(c -> c.addresses().length).toList())
        .startsWith(64, 40, 80, 160, 320, 640, 1200, 1200);
    assertThat(r.warnings())
        .contains(
            "each move_pages call costs about 12.0 ms however few pages it moves (the kernel"
                + " drains every CPU's page caches first), more than the 10.0 ms budget allows:"
                + " calls were sized so that this fixed cost is half of each");
    assertThat(r.stats().bytesMoved()).isEqualTo(5000 * PAGE);
  }

  @Test
  void aHugePageAcrossAQueryWindowsEdgeIsAskedAboutInOneWindow() {
    HostPaths host = host(HostFixture.twoNodes(root));
    long start = A + (1 << 20); // not 2 MiB aligned: a 16 MiB window would end mid huge page
    int pages = 20 * 256;
    HostFixture.numaMaps(host.root(), PID, anonLine(start, "N0=" + pages));
    HostFixture.maps(host.root(), PID, start, start + pages * PAGE);
    syscalls.pages(start, pages, PAGE, 0);
    syscalls.hugePage(A + (16 << 20), 512, PAGE);

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(r.stats().bytesMoved()).isEqualTo(pages * PAGE);
    assertThat(syscalls.movePagesCalls().stream().filter(MovePagesCall::query).findFirst())
        .hasValueSatisfying(
            q ->
                assertThat(q.addresses()[q.addresses().length - 1])
                    .isEqualTo(A + (16 << 20) - PAGE));
  }

  @Test
  void eachPageKeepsItsRelativePlaceAndPagesOffTheSourcesStay() {
    HostPaths host = host(HostFixture.fourNodes(root));
    HostFixture.numaMaps(host.root(), PID, anonLine(A, "N2=10 N3=5 N0=1"), anonLine(B, "N1=4"));
    HostFixture.maps(host.root(), PID, A, A + 16 * PAGE, B, B + 4 * PAGE);
    syscalls
        .pages(A, 10, PAGE, 2)
        .pages(A + 10 * PAGE, 5, PAGE, 3)
        .pages(A + 15 * PAGE, 1, PAGE, 0);
    syscalls.pages(B, 4, PAGE, 1);

    MigrationResult r =
        bounded(host, NumaNodeSet.of(2, 3), NumaNodeSet.of(0, 1), MoveOptions.bounded());

    for (int i = 0; i < 10; i++) {
      assertThat(syscalls.nodeOf(A + i * PAGE)).as("page %d from node 2", i).contains(0);
    }
    for (int i = 10; i < 15; i++) {
      assertThat(syscalls.nodeOf(A + i * PAGE)).as("page %d from node 3", i).contains(1);
    }
    assertThat(syscalls.movePagesCalls())
        .as("the mapping with nothing on nodes 2-3 is not even asked about")
        .allMatch(c -> java.util.Arrays.stream(c.addresses()).allMatch(a -> a < B));
    assertThat(r.stats().bytesMoved()).isEqualTo(15 * PAGE);
    MovePagesCall move = syscalls.movingCalls().get(0);
    assertThat(move.nodes())
        .as("grouped by destination")
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1);
  }

  @Test
  void pagesNotMovedAreCountedByTheirErrno() {
    HostPaths host = twoNodesWithPagesOnNode0(200);
    syscalls
        .refuse(A, Errno.EBUSY)
        .refuse(A + PAGE, Errno.EACCES)
        .refuse(A + 2 * PAGE, Errno.ENOMEM);
    // After the first call (64 pages) the process unmaps the last 36 pages.
    syscalls.afterMoveCall(1, () -> syscalls.unmap(A + 164 * PAGE, A + 200 * PAGE));

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(r.stats().notMovedByReason())
        .isEqualTo(Map.of("EBUSY", 1L, "EACCES", 1L, "ENOMEM", 1L, "EFAULT", 36L));
    assertThat(r.pagesNotMoved()).isEqualTo(39);
    assertThat(r.stats().bytesMoved()).isEqualTo(161 * PAGE);
    assertThat(r.processExited()).isFalse();
  }

  @Test
  void aTransparentHugePageMovesWholeAndCountsItsBytesOnce() {
    HostPaths host = twoNodesWithPagesOnNode0(1024);
    syscalls.hugePage(A, 512, PAGE).hugePage(A + 512 * PAGE, 512, PAGE);

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(r.stats().bytesMoved()).isEqualTo(2 * HUGE);
    assertThat(r.stats().notMovedByReason()).isEmpty();
    for (int i = 0; i < 1024; i++) {
      assertThat(syscalls.nodeOf(A + i * PAGE)).contains(1);
    }
  }

  @Test
  void hugetlbPagesAreAskedForOnceEach() {
    HostPaths host = host(HostFixture.twoNodes(root));
    HostFixture.numaMaps(host.root(), PID, HostFixture.hugetlbLine(A, "N0=3"));
    HostFixture.maps(host.root(), PID, A, A + 3 * HUGE);
    syscalls.pages(A, 3, HUGE, 0);

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(syscalls.movingCalls()).hasSize(1);
    assertThat(syscalls.movingCalls().get(0).addresses())
        .containsExactly(A, A + HUGE, A + 2 * HUGE);
    assertThat(r.stats().bytesMoved()).isEqualTo(3 * HUGE);
  }

  @Test
  void theRateLimitCapsBatchesAndWaitsBetweenThem() {
    HostPaths host = twoNodesWithPagesOnNode0(1000);
    long rate = 100 * PAGE; // 100 pages a second: a tenth of a second is 10 pages

    MigrationResult r =
        bounded(
            host,
            NumaNodeSet.of(0),
            NumaNodeSet.of(1),
            MoveOptions.bounded(MoveOptions.DEFAULT_MAX_PAUSE, rate));

    assertThat(syscalls.movingCalls()).allMatch(c -> c.addresses().length <= 10);
    assertThat(r.stats().bytesMoved()).isEqualTo(1000 * PAGE);
    // 1000 pages at 100 a second: the last batch starts after 9.9 s.
    assertThat(r.stats().elapsedNanos()).isGreaterThanOrEqualTo(9_900_000_000L);
    assertThat(r.stats().throughputBytesPerSecond()).isLessThanOrEqualTo(rate * 1.02);
    assertThat(syscalls.sleptNanos()).isPositive();
  }

  @Test
  void aProcessThatExitsMidMoveGivesAPartialResult() {
    HostPaths host = twoNodesWithPagesOnNode0(1000);
    syscalls.afterMoveCall(2, () -> syscalls.failAliveCheck(Errno.ESRCH));

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(r.processExited()).isTrue();
    assertThat(r.stats().calls()).isEqualTo(2);
    assertThat(r.stats().bytesMoved()).isEqualTo((64 + 128) * PAGE);
    assertThat(r.warnings()).anyMatch(w -> w.contains("exited while its pages moved"));
  }

  @Test
  void aMovePagesFailureAfterSomeBatchesStopsWithAPartialResult() {
    HostPaths host = twoNodesWithPagesOnNode0(1000);
    syscalls.failMovePagesAfter(1, Errno.ENOMEM);

    MigrationResult r = bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());

    assertThat(r.stats().calls()).isEqualTo(1);
    assertThat(r.stats().bytesMoved()).isEqualTo(64 * PAGE);
    assertThat(r.warnings())
        .anyMatch(
            w -> w.startsWith("move_pages failed: ENOMEM after 1 calls") && w.contains("partial"));
  }

  @Test
  void aFirstCallRefusedIsExplainedLikeTheWholePath() {
    HostPaths host = twoNodesWithPagesOnNode0(10);
    syscalls.failMovePagesAfter(0, Errno.EPERM);
    assertThatThrownBy(
            () -> bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded()))
        .isInstanceOfSatisfying(
            MigrationException.class,
            e -> assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED))
        .hasMessageContaining("CAP_SYS_PTRACE");
  }

  @Test
  void withoutCapSysNiceOnlyUnsharedPagesAreAskedFor() {
    HostPaths host = host(HostFixture.twoNodes(root).capabilities(0));
    HostFixture.numaMaps(host.root(), PID, anonLine(A, "N0=5"));
    HostFixture.maps(host.root(), PID, A, A + 5 * PAGE);
    syscalls.pages(A, 5, PAGE, 0);
    bounded(host, NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.bounded());
    assertThat(syscalls.movingCalls()).allMatch(c -> c.flags() == MovePagesFlags.MOVE);
  }

  @Test
  void theWholeModeReportsOneCallAndTheBytesThatLeftTheSources() {
    HostPaths host = twoNodesWithPagesOnNode0(100);
    syscalls.duringMigration(
        () -> HostFixture.numaMaps(host.root(), PID, anonLine(A, "N0=10 N1=90")));
    MigrationResult r =
        new MigrationEngine(host, syscalls)
            .migrate(PID, NumaNodeSet.of(0), NumaNodeSet.of(1), ProcessVerifier.acceptAll());
    assertThat(r.mode()).isEqualTo(MoveMode.WHOLE);
    assertThat(r.stats().calls()).isEqualTo(1);
    assertThat(r.stats().longestCallNanos()).isEqualTo(r.elapsedNanos());
    assertThat(r.stats().bytesMoved()).isEqualTo(90 * PAGE);
    assertThat(syscalls.movePagesCalls()).isEmpty();
  }

  @Test
  void theDryRunShowsTheBatchesWithoutCallingTheKernel() {
    HostPaths host = twoNodesWithPagesOnNode0(1000);
    MigrationPreview p =
        new MigrationEngine(host, syscalls)
            .preview(
                PID,
                NumaNodeSet.of(0),
                NumaNodeSet.of(1),
                MoveOptions.bounded(Duration.ofMillis(5), 1000 * PAGE));
    BatchSchedule batches = p.batches().orElseThrow();
    assertThat(batches.mappings()).isEqualTo(1);
    assertThat(batches.bytesToMove()).isEqualTo(1000 * PAGE);
    assertThat(batches.firstBatchPages()).isEqualTo(64);
    assertThat(batches.maxBatchPages()).isEqualTo(100);
    assertThat(batches.targetCallNanos()).isEqualTo(4_000_000);
    assertThat(batches.minimumNanos()).isEqualTo(1_000_000_000);
    assertThat(syscalls.movePagesCalls()).isEmpty();
  }

  @Test
  void optionsOutOfRangeAreRefusedWithTheRange() {
    assertThatThrownBy(() -> MoveOptions.bounded(Duration.ofNanos(10), 0))
        .hasMessageContaining("between 100us and 10s");
    assertThatThrownBy(() -> MoveOptions.bounded(Duration.ofMillis(10), -1))
        .hasMessageContaining("negative");
  }
}
