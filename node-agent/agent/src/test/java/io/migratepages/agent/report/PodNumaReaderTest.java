package io.migratepages.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.testsupport.CgroupTree;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A pod's containers read through the engine's cgroup resolver on a fixture host. */
class PodNumaReaderTest {
  private static final String UID = "1a2b3c4d-0000-1111-2222-333344445555";
  private static final long PAGE = 4096;

  @TempDir Path host;

  private static Pod pod(String phase, String... containers) {
    PodBuilder pod =
        new PodBuilder()
            .withNewMetadata()
            .withNamespace("shop")
            .withName("db-0")
            .withUid(UID)
            .endMetadata()
            .withNewStatus()
            .withPhase(phase)
            .withQosClass("Guaranteed")
            .endStatus();
    for (String name : containers) {
      pod.editStatus()
          .addToContainerStatuses(
              new ContainerStatusBuilder()
                  .withName(name)
                  .withContainerID(CgroupTree.containerdId(name))
                  .withNewState()
                  .withNewRunning()
                  .endRunning()
                  .endState()
                  .build())
          .endStatus();
    }
    return pod.build();
  }

  @Test
  void readsEachRunningContainersBytesAndLocality() throws Exception {
    HostFixture.twoNodes(host).write();
    NumaTopology topology = new SysfsTopologyReader(new HostPaths(host)).read();
    CgroupTree tree = CgroupTree.kubelet(host, CgroupTree.Driver.SYSTEMD);
    String db = CgroupTree.containerId("db");
    tree.container(UID, "Guaranteed", db, 201).containerCpus(UID, "Guaranteed", db, "4-7");
    HostFixture.numaMaps(host, 201, HostFixture.anonLine(0x1000, "N0=300 N1=100"));

    Optional<PodNumaUsage> usage =
        new PodNumaReader(tree.cgroupRoot(), tree.procRoot())
            .read(pod("Running", "db", "sidecar"), topology);

    assertThat(usage).isPresent();
    assertThat(usage.get().uid()).isEqualTo(UID);
    ContainerNumaPlacement dbPlacement = usage.get().containers().get(0);
    assertThat(dbPlacement.getName()).isEqualTo("db");
    assertThat(dbPlacement.getBytes()).isEqualTo(Map.of("0", 300 * PAGE, "1", 100 * PAGE));
    assertThat(dbPlacement.getCpus()).isEqualTo("4-7");
    assertThat(dbPlacement.getCpuNumaNodes()).isEqualTo("1");
    assertThat(dbPlacement.getLocalBytes()).isEqualTo(100 * PAGE);
    assertThat(dbPlacement.getTotalBytes()).isEqualTo(400 * PAGE);
    assertThat(dbPlacement.getError()).isNull();
    ContainerNumaPlacement sidecar = usage.get().containers().get(1);
    assertThat(sidecar.getName()).isEqualTo("sidecar");
    assertThat(sidecar.getError()).contains("not found");
    assertThat(sidecar.getBytes()).isEmpty();
  }

  @Test
  void podsThatAreNotRunningAreNotReported() throws Exception {
    HostFixture.twoNodes(host).write();
    NumaTopology topology = new SysfsTopologyReader(new HostPaths(host)).read();
    CgroupTree tree = CgroupTree.kubelet(host, CgroupTree.Driver.SYSTEMD);

    PodNumaReader reader = new PodNumaReader(tree.cgroupRoot(), tree.procRoot());

    assertThat(reader.read(pod("Pending", "db"), topology)).isEmpty();
    assertThat(reader.read(pod("Running"), topology)).as("no running container").isEmpty();
  }
}
