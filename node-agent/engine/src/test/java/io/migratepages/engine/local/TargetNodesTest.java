package io.migratepages.engine.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.testsupport.HostFixture;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code local} resolved from a fixture's /proc/PID/task/TID/status and sysfs cpulists. */
class TargetNodesTest {
  private static final int PID = 500;

  @TempDir Path root;

  private TargetNodes resolve(HostFixture fixture, String from, String to) throws IOException {
    HostPaths host = new HostPaths(fixture.write());
    NumaTopology topology = new SysfsTopologyReader(host).read();
    return TargetNodes.resolve(
        host,
        topology,
        PID,
        NumaNodeSpec.parse(from),
        NumaNodeSpec.parse(to),
        "from-nodes",
        "to-nodes");
  }

  @Test
  void localIsTheNodeOfTheCpusTheProcessMayRunOnAndAllIsEveryOtherNode() throws Exception {
    HostFixture.cpusAllowed(root, PID, PID, "4-7");
    TargetNodes nodes = resolve(HostFixture.twoNodes(root), "all", "local");
    assertThat(nodes.to()).isEqualTo(NumaNodeSet.of(1));
    assertThat(nodes.from()).isEqualTo(NumaNodeSet.of(0));
    assertThat(nodes.local().orElseThrow().describe())
        .isEqualTo("local = 1 (the process may run on CPUs 4-7, on node(s) 1)");
  }

  @Test
  void theThreadsAffinitiesAreUnited() throws Exception {
    HostFixture.cpusAllowed(root, PID, PID, "4");
    HostFixture.cpusAllowed(root, PID, PID + 1, "6-7");
    TargetNodes nodes = resolve(HostFixture.fourNodes(root), "all", "local");
    assertThat(nodes.to()).isEqualTo(NumaNodeSet.of(2, 3));
    assertThat(nodes.from()).isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(nodes.local().orElseThrow().cpus()).isEqualTo("4,6-7");
  }

  @Test
  void anExplicitFromIsKept() throws Exception {
    HostFixture.cpusAllowed(root, PID, PID, "2-3");
    TargetNodes nodes = resolve(HostFixture.fourNodes(root), "3", "local");
    assertThat(nodes.from()).isEqualTo(NumaNodeSet.of(3));
    assertThat(nodes.to()).isEqualTo(NumaNodeSet.of(1));
  }

  @Test
  void cpuNodesWithoutMemoryAreLeftOutAndSaid() throws Exception {
    HostFixture.cpusAllowed(root, PID, PID, "0-1");
    TargetNodes nodes = resolve(HostFixture.fourNodesCpuOnlyNode1(root), "all", "local");
    assertThat(nodes.to()).isEqualTo(NumaNodeSet.of(0));
    assertThat(nodes.from()).isEqualTo(NumaNodeSet.of(2, 3));
    assertThat(nodes.local().orElseThrow().describe()).contains("node(s) 1 have no memory");
  }

  @Test
  void onlyMemorylessCpuNodesIsAnError() {
    HostFixture.cpusAllowed(root, PID, PID, "1");
    assertThatThrownBy(() -> resolve(HostFixture.fourNodesCpuOnlyNode1(root), "all", "local"))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessage(
            "to-nodes: \"local\": the process's CPUs are on node(s) 1, none of which has memory"
                + " (nodes with memory: 0,2-3)");
  }

  @Test
  void aGoneProcessHasNoLocalNodes() {
    assertThatThrownBy(() -> resolve(HostFixture.twoNodes(root), "all", "local"))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void withoutLocalTheSpecsResolveAsAlways() throws Exception {
    TargetNodes nodes = resolve(HostFixture.twoNodes(root), "all", "1");
    assertThat(nodes.from()).isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(nodes.local()).isEmpty();
  }
}
