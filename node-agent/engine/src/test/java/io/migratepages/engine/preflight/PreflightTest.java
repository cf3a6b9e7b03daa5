package io.migratepages.engine.preflight;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.engine.host.CallerProcessReader;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaBalancing;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlanner;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreflightTest {
  private static final long GIB = 1L << 30;
  @TempDir Path root;

  private static PreflightReport check(
      HostPaths host, String from, String to, Map<Integer, Long> bytes) throws Exception {
    Preflight preflight =
        new Preflight(
            new SysfsTopologyReader(host).read(),
            new CallerProcessReader(host).read(),
            NumaBalancing.read(host));
    NumaPlacement placement = new NumaPlacement(new TreeMap<>(bytes), new TreeMap<>());
    return preflight.check(
        MigrationPlanner.plan(NumaNodeSet.parseList(from), NumaNodeSet.parseList(to)), placement);
  }

  @Test
  void aPlainMoveWithRoomPassesSilently() throws Exception {
    PreflightReport report =
        check(new HostPaths(HostFixture.twoNodes(root).write()), "0", "1", Map.of(0, GIB));
    assertThat(report.passed()).isTrue();
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void memorylessDestinationIsAnError() throws Exception {
    PreflightReport report =
        check(
            new HostPaths(HostFixture.fourNodesOneMemoryless(root).write()),
            "0",
            "3",
            Map.of(0, GIB));
    assertThat(report.errors())
        .singleElement()
        .asString()
        .contains("destination node(s) 3 have no memory")
        .contains("nodes with memory: 0-2");
  }

  @Test
  void offlineDestinationIsAnError() throws Exception {
    PreflightReport report =
        check(new HostPaths(HostFixture.sparseNodes(root).write()), "0", "1", Map.of());
    assertThat(report.errors())
        .singleElement()
        .asString()
        .contains("destination node(s) 1 do not exist")
        .contains("online nodes: 0,2");
  }

  @Test
  void destinationOutsideOurOwnCpusetIsAnError() throws Exception {
    PreflightReport report =
        check(
            new HostPaths(HostFixture.twoNodes(root).memsAllowed("0").write()),
            "0",
            "1",
            Map.of(0, GIB));
    assertThat(report.errors())
        .singleElement()
        .asString()
        .contains("node(s) 1 lie outside this process's own cpuset (Mems_allowed_list 0)")
        .contains("silently drop");
  }

  @Test
  void tooLittleFreeMemoryIsAWarning() throws Exception {
    PreflightReport report =
        check(new HostPaths(HostFixture.twoNodes(root).write()), "0", "1", Map.of(0, 5 * GIB));
    assertThat(report.passed()).isTrue();
    assertThat(report.warnings())
        .singleElement()
        .asString()
        .isEqualTo("node 1 has 4Gi free but 5Gi would move there: some pages may stay behind");
  }

  @Test
  void whatLeavesADestinationCountsAsRoom() throws Exception {
    // 0->1 brings 5 GiB to node 1, but 1->2 takes 3 GiB away first: net 2 GiB < 4 GiB free.
    PreflightReport report =
        check(
            new HostPaths(HostFixture.fourNodesOneMemoryless(root).write()),
            "0-1",
            "1-2",
            Map.of(0, 5 * GIB, 1, 3 * GIB));
    assertThat(report.warnings()).isEmpty();
  }

  @Test
  void numaBalancingIsAWarning() throws Exception {
    PreflightReport report =
        check(
            new HostPaths(HostFixture.twoNodes(root).numaBalancing(1).write()),
            "0",
            "1",
            Map.of(0, GIB));
    assertThat(report.passed()).isTrue();
    assertThat(report.warnings())
        .singleElement()
        .asString()
        .contains("numa_balancing = 1")
        .contains("move pages back");
  }

  @Test
  void sourcesThatAreAlsoDestinationsAreNamed() throws Exception {
    PreflightReport report =
        check(
            new HostPaths(HostFixture.fourNodesOneMemoryless(root).write()), "0-2", "1", Map.of());
    assertThat(report.warnings())
        .singleElement()
        .asString()
        .startsWith("source node(s) 1 are also destinations");
  }

  @Test
  void validNoOpsWarnAboutNothing() throws Exception {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    assertThat(check(host, "0", "0", Map.of(0, GIB)).warnings()).isEmpty();
    assertThat(check(host, "0-1", "0-1", Map.of(0, GIB)).warnings()).isEmpty();
  }
}
