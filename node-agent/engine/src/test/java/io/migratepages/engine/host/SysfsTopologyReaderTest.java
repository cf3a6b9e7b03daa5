package io.migratepages.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SysfsTopologyReaderTest {
  @TempDir Path root;

  @Test
  void twoNodes() throws Exception {
    NumaTopology t =
        new SysfsTopologyReader(new HostPaths(HostFixture.twoNodes(root).write())).read();
    assertThat(t.online()).isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(t.withMemory()).isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(t.withCpu()).isEqualTo(NumaNodeSet.of(0, 1));
    NumaNodeInfo node1 = t.node(1).orElseThrow();
    assertThat(node1.memTotalBytes()).isEqualTo(8L << 30);
    assertThat(node1.memFreeBytes()).isEqualTo(4L << 30);
    assertThat(node1.cpuList()).isEqualTo("4-7");
    assertThat(node1.distanceTo()).isEqualTo(Map.of(0, 21, 1, 10));
    assertThat(t.memFreeBytes(7)).isZero();
  }

  @Test
  void memorylessNodeIsOnlineButHasNoMemory() throws Exception {
    NumaTopology t =
        new SysfsTopologyReader(new HostPaths(HostFixture.fourNodesOneMemoryless(root).write()))
            .read();
    assertThat(t.online()).isEqualTo(NumaNodeSet.range(0, 3));
    assertThat(t.withMemory()).isEqualTo(NumaNodeSet.range(0, 2));
    assertThat(t.withCpu()).isEqualTo(NumaNodeSet.range(0, 3));
    assertThat(t.node(3).orElseThrow().memTotalBytes()).isZero();
    assertThat(t.universe().memoryNodes()).isEqualTo(NumaNodeSet.range(0, 2));
  }

  @Test
  void sparseIdsKeepTheirNumbersAndDistances() throws Exception {
    NumaTopology t =
        new SysfsTopologyReader(new HostPaths(HostFixture.sparseNodes(root).write())).read();
    assertThat(t.online()).isEqualTo(NumaNodeSet.of(0, 2));
    assertThat(t.nodes().keySet()).containsExactly(0, 2);
    assertThat(t.node(2).orElseThrow().distanceTo()).isEqualTo(Map.of(0, 21, 2, 10));
    assertThat(t.node(1)).isEmpty();
  }

  @Test
  void realSysfsMeminfoFormatIsRead() throws Exception {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    Files.writeString(
        host.sysfsNodes().resolve("node0/meminfo"),
        "Node 0 MemTotal:        4810956 kB\nNode 0 MemFree:         4251704 kB\n"
            + "Node 0 HugePages_Total:     0\n");
    NumaNodeInfo node0 = new SysfsTopologyReader(host).read().node(0).orElseThrow();
    assertThat(node0.memTotalBytes()).isEqualTo(4810956L * 1024);
    assertThat(node0.memFreeBytes()).isEqualTo(4251704L * 1024);
  }

  @Test
  void optionalListsMayBeMissingOrEmpty() throws Exception {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    Files.delete(host.sysfsNodes().resolve("has_cpu"));
    Files.delete(host.sysfsNodes().resolve("has_memory"));
    Files.writeString(host.sysfsNodes().resolve("possible"), "\n");
    NumaTopology t = new SysfsTopologyReader(host).read();
    assertThat(t.withCpu()).isEqualTo(NumaNodeSet.empty());
    assertThat(t.withMemory()).as("defaults to online").isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(t.possible()).isEqualTo(NumaNodeSet.empty());
  }

  @Test
  void noNodeDirectoryMeansNoNuma() {
    assertThatThrownBy(() -> new SysfsTopologyReader(new HostPaths(root)).read())
        .isInstanceOf(NoSuchFileException.class)
        .hasMessageContaining("CONFIG_NUMA");
  }
}
