package io.migratepages.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.testsupport.CgroupTree;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupLayoutDetectionTest {
  @TempDir Path temp;

  @Test
  void v2HasOneUnifiedHierarchyAtTheRoot() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    CgroupLayout layout = CgroupLayout.detect(fixture.cgroupRoot());
    assertThat(layout.version()).isEqualTo(CgroupVersion.V2);
    assertThat(layout.hierarchies()).containsExactly(new CgroupHierarchy("", fixture.cgroupRoot()));
  }

  @Test
  void v1PrefersMemoryThenPidsCpusetSystemd() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V1);
    CgroupLayout layout = CgroupLayout.detect(fixture.cgroupRoot());
    assertThat(layout.version()).isEqualTo(CgroupVersion.V1);
    assertThat(layout.hierarchies())
        .containsExactly(
            new CgroupHierarchy("memory", fixture.cgroupRoot().resolve("memory")),
            new CgroupHierarchy("pids", fixture.cgroupRoot().resolve("pids")),
            new CgroupHierarchy("cpuset", fixture.cgroupRoot().resolve("cpuset")),
            new CgroupHierarchy("name=systemd", fixture.cgroupRoot().resolve("systemd")));
  }

  @Test
  void hybridAddsUnifiedLast() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.HYBRID);
    CgroupLayout layout = CgroupLayout.detect(fixture.cgroupRoot());
    assertThat(layout.version()).isEqualTo(CgroupVersion.HYBRID);
    assertThat(layout.hierarchies()).hasSize(5);
    assertThat(layout.hierarchies().get(0).controller()).isEqualTo("memory");
    assertThat(layout.hierarchies().get(4))
        .isEqualTo(new CgroupHierarchy("", fixture.cgroupRoot().resolve("unified")));
  }

  @Test
  void v1WithoutMemoryStillWorksFromTheOthers() throws Exception {
    Files.createDirectories(temp.resolve("pids"));
    Files.createDirectories(temp.resolve("systemd"));
    CgroupLayout layout = CgroupLayout.detect(temp);
    assertThat(layout.version()).isEqualTo(CgroupVersion.V1);
    assertThat(layout.hierarchies())
        .extracting(CgroupHierarchy::controller)
        .containsExactly("pids", "name=systemd");
  }

  @Test
  void forcedV1WithoutV1DirectoriesIsAnError() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    assertThatThrownBy(() -> CgroupLayout.of(fixture.cgroupRoot(), CgroupVersion.V1))
        .isInstanceOf(CgroupResolutionException.class)
        .hasMessageContaining("cgroup version V1 was given")
        .hasMessageContaining("memory/");
  }

  @Test
  void emptyDirectoryIsNotACgroupTree() {
    assertThatThrownBy(() -> CgroupLayout.detect(temp))
        .isInstanceOf(CgroupResolutionException.class)
        .hasMessageContaining("cannot tell the cgroup version at " + temp);
  }
}
