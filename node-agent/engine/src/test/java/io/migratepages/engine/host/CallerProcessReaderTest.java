package io.migratepages.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CallerProcessReaderTest {
  @TempDir Path root;

  @Test
  void readsCpusetCapabilitiesAndSeccomp() throws Exception {
    HostPaths host =
        new HostPaths(
            HostFixture.fourNodesOneMemoryless(root)
                .memsAllowed("0-1")
                .capabilities(1L << CallerProcess.CAP_SYS_NICE)
                .seccomp(2)
                .write());
    CallerProcess caller = new CallerProcessReader(host).read();
    assertThat(caller.memsAllowed()).isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(caller.hasCapability(CallerProcess.CAP_SYS_NICE)).isTrue();
    assertThat(caller.hasCapability(CallerProcess.CAP_SYS_PTRACE)).isFalse();
    assertThat(caller.seccompFiltered()).isTrue();
    assertThat(caller.hostPidNamespace()).isTrue();
    assertThat(caller.inContainer()).isFalse();
  }

  @Test
  void ownPidNamespaceMeansContainer() throws Exception {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).hostPidNamespace(false).write());
    CallerProcess caller = new CallerProcessReader(host).read();
    assertThat(caller.hostPidNamespace()).isFalse();
    assertThat(caller.inContainer()).isTrue();
  }

  @Test
  void runtimeMarkerFileMeansContainer() throws Exception {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    Files.createFile(root.resolve(".dockerenv"));
    CallerProcess caller = new CallerProcessReader(host).read();
    assertThat(caller.hostPidNamespace()).isTrue();
    assertThat(caller.inContainer()).isTrue();
  }

  @Test
  void thisJvmCanReadItsOwnStatus() throws Exception {
    CallerProcess caller = new CallerProcessReader(HostPaths.REAL).read();
    assertThat(caller.memsAllowed().isEmpty()).isFalse();
  }

  @Test
  void numaBalancingModes() throws Exception {
    assertThat(
            NumaBalancing.read(new HostPaths(HostFixture.twoNodes(root).numaBalancing(1).write()))
                .enabled())
        .isTrue();
    assertThat(
            NumaBalancing.read(new HostPaths(HostFixture.twoNodes(root).numaBalancing(0).write()))
                .enabled())
        .isFalse();
    Files.delete(root.resolve("proc/sys/kernel/numa_balancing"));
    assertThat(NumaBalancing.read(new HostPaths(root)).mode()).isZero();
  }
}
