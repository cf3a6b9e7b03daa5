package io.migratepages.engine.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.numanodes.NumaNodeSet;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuListTest {
  @TempDir Path host;

  @Test
  void parsesAndPrintsTheKernelsListForm() {
    assertThat(CpuList.parse("0-3,8,10-11\n")).hasToString("0-3,8,10-11");
    assertThat(CpuList.parse("5,4,6")).hasToString("4-6");
    assertThat(CpuList.parse("  ").isEmpty()).isTrue();
    assertThat(CpuList.parse("4095")).hasToString("4095");
  }

  @Test
  void badElementsAreNamed() {
    assertThatThrownBy(() -> CpuList.parse("0-3,x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("element \"x\"");
    assertThatThrownBy(() -> CpuList.parse("3-1")).hasMessageContaining("\"3-1\"");
    assertThatThrownBy(() -> CpuList.parse("9000")).hasMessageContaining("0-8191");
  }

  @Test
  void numaNodesOfCpusFollowSysfsCpulists() throws Exception {
    io.migratepages.testsupport.HostFixture.fourNodesCpuOnlyNode1(host).write();
    NumaTopology topology = new SysfsTopologyReader(new HostPaths(host)).read();

    assertThat(topology.numaNodesOf(CpuList.parse("0"))).isEqualTo(NumaNodeSet.of(0));
    assertThat(topology.numaNodesOf(CpuList.parse("0-1"))).isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(topology.numaNodesOf(CpuList.parse("7"))).isEqualTo(NumaNodeSet.empty());
  }
}
