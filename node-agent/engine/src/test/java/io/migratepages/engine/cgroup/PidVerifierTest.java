package io.migratepages.engine.cgroup;

import static io.migratepages.engine.cgroup.CgroupLayoutsTest.ID;
import static io.migratepages.engine.cgroup.CgroupLayoutsTest.UID;
import static io.migratepages.engine.cgroup.CgroupLayoutsTest.UID_;
import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.testsupport.CgroupTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidVerifierTest {
  static final String POD_SLICE = "kubepods-burstable-pod" + UID_ + ".slice";
  static final String SCOPE = "cri-containerd-" + ID + ".scope";
  static final String CONTAINER =
      "kubepods.slice/kubepods-burstable.slice/" + POD_SLICE + "/" + SCOPE;

  @TempDir Path temp;

  private ContainerCgroup resolve(CgroupTree fixture, String container) {
    return resolver(fixture)
        .resolve(
            new PodRef(
                UID, QosClass.BURSTABLE, List.of(ContainerRef.of("app", "containerd://" + ID))))
        .container("app")
        .orElseThrow()
        .cgroup()
        .orElseThrow();
  }

  private CgroupTree v2() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001);
    return fixture;
  }

  @Test
  void processInTheContainerBelongs() {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    PidVerifier verifier = new PidVerifier(fixture.procRoot());

    assertThat(verifier.belongsTo(1001, cgroup)).isTrue();
    assertThat(verifier.verify(1001, cgroup).reason()).contains("/" + CONTAINER);
  }

  @Test
  void exitedProcessDoesNotBelong() throws Exception {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    Files.delete(fixture.procRoot().resolve("1001/cgroup"));
    Files.delete(fixture.procRoot().resolve("1001"));

    PidVerifier.Verdict verdict = new PidVerifier(fixture.procRoot()).verify(1001, cgroup);

    assertThat(verdict.belongs()).isFalse();
    assertThat(verdict.reason()).contains("pid 1001 has exited");
  }

  @Test
  void reusedPidInAnotherContainerDoesNotBelong() {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    String otherContainer =
        "kubepods.slice/kubepods-burstable.slice/"
            + POD_SLICE
            + "/cri-containerd-"
            + "d".repeat(64)
            + ".scope";
    fixture.procCgroup(1001, "/" + otherContainer);

    PidVerifier.Verdict verdict = new PidVerifier(fixture.procRoot()).verify(1001, cgroup);

    assertThat(verdict.belongs()).isFalse();
    assertThat(verdict.reason())
        .contains("is in /" + otherContainer)
        .contains("not under " + CONTAINER);
  }

  @Test
  void sameContainerDirectoryNameInAnotherPodDoesNotBelong() {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    fixture.procCgroup(
        1001,
        "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-podother.slice/" + SCOPE);

    assertThat(new PidVerifier(fixture.procRoot()).belongsTo(1001, cgroup)).isFalse();
  }

  @Test
  void cgroupNamespacePrefixesAreTolerated() {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    PidVerifier verifier = new PidVerifier(fixture.procRoot());

    // reader in a private cgroup namespace rooted in another pod's container
    fixture.procCgroup(1001, "/../../" + POD_SLICE + "/" + SCOPE);
    assertThat(verifier.belongsTo(1001, cgroup)).isTrue();
    // ... and the process sits in a sub-cgroup (crun's container/, systemd in a container)
    fixture.procCgroup(
        1001, "/../../../kubepods-burstable.slice/" + POD_SLICE + "/" + SCOPE + "/init.scope");
    assertThat(verifier.belongsTo(1001, cgroup)).isTrue();
    // reader above a nested node: extra leading components
    fixture.procCgroup(1001, "/system.slice/docker-node.scope/" + CONTAINER);
    assertThat(verifier.belongsTo(1001, cgroup)).isTrue();
    // the components both paths have must agree
    fixture.procCgroup(
        1001, "/kubepods.slice/kubepods-besteffort.slice/" + POD_SLICE + "/" + SCOPE);
    assertThat(verifier.belongsTo(1001, cgroup)).isFalse();
    // a removed cgroup (zombie)
    fixture.procCgroup(1001, "/" + CONTAINER + " (deleted)");
    assertThat(verifier.verify(1001, cgroup).reason()).contains("a removed cgroup");
    assertThat(verifier.belongsTo(1001, cgroup)).isFalse();
  }

  @Test
  void v1ChecksTheLineOfTheHierarchyTheContainerWasFoundIn() {
    String pod = "kubepods/burstable/pod" + UID;
    String container = pod + "/" + ID;
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V1);
    fixture.procs(container, 1001);
    ContainerCgroup cgroup = resolve(fixture, container);
    PidVerifier verifier = new PidVerifier(fixture.procRoot());
    assertThat(cgroup.hierarchy().controller()).isEqualTo("memory");
    assertThat(verifier.belongsTo(1001, cgroup)).isTrue();

    fixture.procCgroupFile(
        1001,
        "12:memory:/kubepods/besteffort/podxyz/"
            + "e".repeat(64)
            + "\n"
            + "11:pids:/"
            + container
            + "\n"
            + "1:name=systemd:/"
            + container
            + "\n");
    assertThat(verifier.verify(1001, cgroup).reason()).contains("/kubepods/besteffort/podxyz");
    assertThat(verifier.belongsTo(1001, cgroup)).isFalse();

    fixture.procCgroupFile(1001, "11:pids:/" + container + "\n0::/" + container + "\n");
    assertThat(verifier.verify(1001, cgroup).reason()).contains("no line for the memory hierarchy");

    fixture.procCgroupFile(1001, "9:cpu,memory:/" + container + "\n");
    assertThat(verifier.belongsTo(1001, cgroup)).isTrue();
  }

  @Test
  void v2NeedsTheUnifiedLine() {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    fixture.procCgroupFile(1001, "12:memory:/" + CONTAINER + "\n");

    PidVerifier.Verdict verdict = new PidVerifier(fixture.procRoot()).verify(1001, cgroup);

    assertThat(verdict.belongs()).isFalse();
    assertThat(verdict.reason()).contains("no line for the unified hierarchy (0::)");
  }

  @Test
  void nonPositivePidsNeverBelong() {
    CgroupTree fixture = v2();
    ContainerCgroup cgroup = resolve(fixture, CONTAINER);
    PidVerifier verifier = new PidVerifier(fixture.procRoot());

    assertThat(verifier.belongsTo(0, cgroup)).isFalse();
    assertThat(verifier.verify(-1, cgroup).reason()).contains("must be > 0");
  }

  private static CgroupResolver resolver(CgroupTree tree) {
    return new CgroupResolver(tree.cgroupRoot(), tree.procRoot());
  }
}
