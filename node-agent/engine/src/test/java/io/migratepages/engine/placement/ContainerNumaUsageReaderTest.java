package io.migratepages.engine.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.engine.cgroup.CgroupResolver;
import io.migratepages.engine.cgroup.ContainerRef;
import io.migratepages.engine.cgroup.ContainerResolution;
import io.migratepages.engine.cgroup.PodRef;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.testsupport.CgroupTree;
import io.migratepages.testsupport.HostFixture;
import io.migratepages.testsupport.NumaMapsBytes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A container's NUMA usage on fixture hosts: sysfs, a kubelet cgroup tree, numa_maps. */
class ContainerNumaUsageReaderTest {
  private static final String UID = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
  private static final long PAGE = 4096;

  @TempDir Path host;

  private ContainerResolution resolve(CgroupTree tree, String qos, String tag) {
    PodRef pod = PodRef.of(UID, qos, List.of(ContainerRef.of("app", CgroupTree.containerdId(tag))));
    return new CgroupResolver(tree.cgroupRoot(), tree.procRoot()).resolve(pod).containers().get(0);
  }

  private NumaTopology topology() throws Exception {
    return new SysfsTopologyReader(new HostPaths(host)).read();
  }

  @Test
  void sumsEveryProcessAndCountsBytesOnTheNumaNodesOfItsCpusAsLocal() throws Exception {
    HostFixture.twoNodes(host).write();
    CgroupTree tree = CgroupTree.kubelet(host, CgroupTree.Driver.SYSTEMD);
    String id = CgroupTree.containerId("app");
    tree.container(UID, "Guaranteed", id, 101, 102).containerCpus(UID, "Guaranteed", id, "4-5");
    HostFixture.numaMaps(host, 101, HostFixture.anonLine(0x1000, "N0=256 N1=768"));
    HostFixture.numaMaps(host, 102, HostFixture.anonLine(0x9000, "N1=256"));
    ContainerResolution container = resolve(tree, "Guaranteed", "app");

    ContainerNumaUsage usage =
        new ContainerNumaUsageReader(tree.procRoot())
            .read(container.cgroup().orElseThrow().directory(), container.pids(), topology());

    NumaMapsBytes first = NumaMapsBytes.parse(Files.readString(host.resolve("proc/101/numa_maps")));
    NumaMapsBytes second =
        NumaMapsBytes.parse(Files.readString(host.resolve("proc/102/numa_maps")));
    assertThat(usage.bytes())
        .isEqualTo(Map.of(0, first.all().get(0), 1, first.all().get(1) + second.all().get(1)));
    assertThat(usage.bytes()).containsEntry(1, 1024 * PAGE);
    assertThat(usage.processes()).isEqualTo(2);
    assertThat(usage.cpus()).hasToString("4-5");
    assertThat(usage.cpuNumaNodes()).isEqualTo(NumaNodeSet.of(1));
    assertThat(usage.localBytes()).isEqualTo(1024 * PAGE);
    assertThat(usage.totalBytes()).isEqualTo(1280 * PAGE);
    assertThat(usage.problems()).isEmpty();
  }

  @Test
  void aProcessThatExitedIsLeftOutWithoutAProblem() throws Exception {
    HostFixture.twoNodes(host).write();
    CgroupTree tree = CgroupTree.kubelet(host, CgroupTree.Driver.CGROUPFS);
    String id = CgroupTree.containerId("app");
    tree.container(UID, "Burstable", id, 101, 102).containerCpus(UID, "Burstable", id, "0-7");
    HostFixture.numaMaps(host, 101, HostFixture.anonLine(0x1000, "N0=10"));
    ContainerResolution container = resolve(tree, "Burstable", "app");
    assertThat(container.pids()).as("102 has no numa_maps: it exited").containsExactly(101, 102);

    ContainerNumaUsage usage =
        new ContainerNumaUsageReader(tree.procRoot())
            .read(container.cgroup().orElseThrow().directory(), container.pids(), topology());

    assertThat(usage.processes()).isEqualTo(1);
    assertThat(usage.bytes()).isEqualTo(Map.of(0, 10 * PAGE));
    assertThat(usage.cpuNumaNodes()).as("CPUs on both NUMA nodes").isEqualTo(NumaNodeSet.of(0, 1));
    assertThat(usage.localBytes()).isEqualTo(10 * PAGE);
    assertThat(usage.problems()).isEmpty();
  }

  @Test
  void onCgroupV1TheCpusComeFromTheProcessesCpusAllowedList() throws Exception {
    HostFixture.twoNodes(host).write();
    CgroupTree tree = CgroupTree.kubelet(host, CgroupTree.Version.V1, CgroupTree.Driver.SYSTEMD);
    tree.container(UID, "Guaranteed", CgroupTree.containerId("app"), 101);
    HostFixture.processStatus(host, 101, "app", "S", true, "0-1");
    HostFixture.numaMaps(host, 101, HostFixture.anonLine(0x1000, "N0=1 N1=3"));
    ContainerResolution container = resolve(tree, "Guaranteed", "app");

    ContainerNumaUsage usage =
        new ContainerNumaUsageReader(tree.procRoot())
            .read(container.cgroup().orElseThrow().directory(), container.pids(), topology());

    assertThat(usage.cpus()).hasToString("0-1");
    assertThat(usage.cpuNumaNodes()).isEqualTo(NumaNodeSet.of(0));
    assertThat(usage.localBytes()).isEqualTo(PAGE);
    assertThat(usage.totalBytes()).isEqualTo(4 * PAGE);
  }

  @Test
  void noCpusetFileAndNoProcessIsAProblemNotAGuess() throws Exception {
    HostFixture.twoNodes(host).write();
    CgroupTree tree = CgroupTree.kubelet(host, CgroupTree.Version.V1, CgroupTree.Driver.SYSTEMD);
    tree.container(UID, "Guaranteed", CgroupTree.containerId("app"));
    ContainerResolution container = resolve(tree, "Guaranteed", "app");

    ContainerNumaUsage usage =
        new ContainerNumaUsageReader(tree.procRoot())
            .read(container.cgroup().orElseThrow().directory(), List.of(), topology());

    assertThat(usage.cpus().isEmpty()).isTrue();
    assertThat(usage.cpuNumaNodes().isEmpty()).isTrue();
    assertThat(usage.problems()).singleElement().asString().contains("cpuset.cpus.effective");
  }
}
