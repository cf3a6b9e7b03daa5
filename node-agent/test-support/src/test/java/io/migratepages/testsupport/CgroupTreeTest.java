package io.migratepages.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.testsupport.CgroupTree.Driver;
import io.migratepages.testsupport.CgroupTree.Version;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupTreeTest {
  private static final String UID = "1f0e-77";

  @TempDir Path base;

  @Test
  void systemdDriverNamesSlicesAndContainerdScopes() throws Exception {
    CgroupTree tree =
        CgroupTree.kubelet(base, Driver.SYSTEMD)
            .container(UID, "Burstable", CgroupTree.containerId("db"), 11, 12);

    String container =
        "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f0e_77.slice/"
            + "cri-containerd-"
            + CgroupTree.containerId("db")
            + ".scope";
    assertThat(Files.readString(tree.cgroupRoot().resolve(container).resolve("cgroup.procs")))
        .isEqualTo("11\n12\n");
    assertThat(Files.readString(tree.procRoot().resolve("12/cgroup")))
        .isEqualTo("0::/" + container + "\n");
    assertThat(Files.readString(tree.cgroupRoot().resolve("init.scope/cgroup.procs")))
        .isEqualTo("1\n");
    assertThat(tree.cgroupRoot().resolve("kubepods.slice/kubepods-besteffort.slice")).isDirectory();
  }

  @Test
  void cgroupfsDriverUsesPlainDirectories() {
    CgroupTree tree =
        CgroupTree.kubelet(base, Driver.CGROUPFS)
            .container(UID, "Guaranteed", CgroupTree.containerId("a"), 7);

    assertThat(tree.cgroupRoot().resolve("kubepods/pod" + UID + "/" + CgroupTree.containerId("a")))
        .isDirectory();
    assertThat(tree.cgroupRoot().resolve("kubepods/burstable")).isDirectory();
  }

  @Test
  void v1WritesEveryHierarchyAndOneProcLineEach() throws Exception {
    CgroupTree tree =
        CgroupTree.kubelet(base, Version.V1, Driver.SYSTEMD)
            .container(UID, "BestEffort", CgroupTree.containerId("b"), 9);

    assertThat(Files.readAllLines(tree.procRoot().resolve("9/cgroup")))
        .hasSize(5)
        .allMatch(line -> line.contains(":/kubepods.slice/kubepods-besteffort.slice/"));
    assertThat(tree.path("pids", "kubepods.slice/kubepods-besteffort.slice")).isDirectory();
    assertThat(tree.path("", "cgroup.controllers")).doesNotExist();
  }

  @Test
  void removingAPodDeletesItsCgroupsAndProcesses() {
    CgroupTree tree =
        CgroupTree.kubelet(base, Driver.SYSTEMD)
            .container(UID, "Burstable", CgroupTree.containerId("db"), 11);

    tree.removePod(UID, "Burstable", 11);

    assertThat(
            tree.cgroupRoot()
                .resolve(
                    "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod1f0e_77.slice"))
        .doesNotExist();
    assertThat(tree.procRoot().resolve("11")).doesNotExist();
  }

  @Test
  void podsNeedTheKubeletsNamingAndAKnownQosClass() {
    assertThatThrownBy(() -> CgroupTree.create(base, Version.V2).container(UID, "Burstable", "x"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("CgroupTree.kubelet");
    assertThatThrownBy(
            () -> CgroupTree.kubelet(base, Driver.SYSTEMD).container(UID, "Gold", "x", 1))
        .hasMessageContaining("qosClass Gold")
        .hasMessageContaining("Guaranteed, Burstable or BestEffort");
  }

  @Test
  void containerIdsAre64HexFromATag() {
    assertThat(CgroupTree.containerId("db")).hasSize(64).startsWith("6462").matches("[0-9a-f]+");
    assertThat(CgroupTree.containerdId("db"))
        .isEqualTo("containerd://" + CgroupTree.containerId("db"));
  }
}
