package io.migratepages.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.testsupport.CgroupTree;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every layout of docs/cgroups.md: {v2, v1, hybrid} × {systemd, cgroupfs} × {containerd, CRI-O
 * (runc and crun), Docker} × {Guaranteed, Burstable, BestEffort}, plus kind's {@code
 * --cgroup-root=/kubelet} and a node nested in Docker. Each tree also holds host services, another
 * pod, the pod's sandbox and a process in the pod directory itself: none of those may be returned.
 */
class CgroupLayoutsTest {
  static final String UID = "3f2a1c4e-8b7d-4e6f-9a1b-2c3d4e5f6a7b";
  static final String UID_ = "3f2a1c4e_8b7d_4e6f_9a1b_2c3d4e5f6a7b";
  static final String ID = "a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90";
  static final String SANDBOX = "5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a5a";
  static final String OTHER_POD_UID_ = "0000aaaa_1111_2222_3333_444455556666";
  static final String KIND_NODE =
      "9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e9e";

  /**
   * @param podDir the pod directory, literally as the kubelet names it
   * @param containerDir the container directory's name
   * @param sandboxDir the sandbox (pause) container directory's name
   * @param processSubdir where the processes sit below the container dir ("" or crun's container)
   */
  record Layout(
      String name,
      CgroupVersion version,
      QosClass qos,
      String scheme,
      String podDir,
      String containerDir,
      String sandboxDir,
      String processSubdir) {
    @Override
    public String toString() {
      return name;
    }

    String expand(String text) {
      return text.replace("{uid_}", UID_)
          .replace("{uid}", UID)
          .replace("{id}", ID)
          .replace("{sandbox}", SANDBOX)
          .replace("{node}", KIND_NODE);
    }

    String pod() {
      return expand(podDir);
    }

    String container() {
      return pod() + "/" + expand(containerDir);
    }

    String processes() {
      return processSubdir.isEmpty() ? container() : container() + "/" + processSubdir;
    }

    boolean systemd() {
      return podDir.contains(".slice");
    }
  }

  static Stream<Layout> layouts() {
    String sysG = "kubepods.slice/kubepods-pod{uid_}.slice";
    String sysB = "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod{uid_}.slice";
    String sysBE = "kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod{uid_}.slice";
    String kindB =
        "kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-burstable.slice/"
            + "kubelet-kubepods-burstable-pod{uid_}.slice";
    String kindBE =
        "kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-besteffort.slice/"
            + "kubelet-kubepods-besteffort-pod{uid_}.slice";
    String kindG = "kubelet.slice/kubelet-kubepods.slice/kubelet-kubepods-pod{uid_}.slice";
    CgroupVersion v1 = CgroupVersion.V1;
    CgroupVersion v2 = CgroupVersion.V2;
    CgroupVersion hy = CgroupVersion.HYBRID;
    QosClass g = QosClass.GUARANTEED;
    QosClass b = QosClass.BURSTABLE;
    QosClass be = QosClass.BEST_EFFORT;
    String ctrdScope = "cri-containerd-{id}.scope";
    String ctrdSandboxScope = "cri-containerd-{sandbox}.scope";
    String crioScope = "crio-{id}.scope";
    String crioSandboxScope = "crio-{sandbox}.scope";
    String dockerScope = "docker-{id}.scope";
    String dockerSandboxScope = "docker-{sandbox}.scope";
    return Stream.of(
        new Layout(
            "v2 systemd containerd Guaranteed",
            v2,
            g,
            "containerd",
            sysG,
            ctrdScope,
            ctrdSandboxScope,
            ""),
        new Layout(
            "v2 systemd containerd Burstable",
            v2,
            b,
            "containerd",
            sysB,
            ctrdScope,
            ctrdSandboxScope,
            ""),
        new Layout(
            "v2 systemd cri-o/crun BestEffort",
            v2,
            be,
            "cri-o",
            sysBE,
            crioScope,
            crioSandboxScope,
            "container"),
        new Layout(
            "v2 systemd docker Burstable",
            v2,
            b,
            "docker",
            sysB,
            dockerScope,
            dockerSandboxScope,
            ""),
        new Layout(
            "v2 cgroupfs containerd Burstable",
            v2,
            b,
            "containerd",
            "kubepods/burstable/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "v2 cgroupfs docker Guaranteed",
            v2,
            g,
            "docker",
            "kubepods/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "v2 cgroupfs cri-o/crun BestEffort",
            v2,
            be,
            "cri-o",
            "kubepods/besteffort/pod{uid}",
            "crio-{id}",
            "crio-{sandbox}",
            "container"),
        new Layout(
            "v2 systemd kind /kubelet containerd Burstable",
            v2,
            b,
            "containerd",
            kindB,
            ctrdScope,
            ctrdSandboxScope,
            ""),
        new Layout(
            "v2 systemd kind /kubelet containerd Guaranteed",
            v2,
            g,
            "containerd",
            kindG,
            ctrdScope,
            ctrdSandboxScope,
            ""),
        new Layout(
            "v2 cgroupfs kind /kubelet containerd BestEffort",
            v2,
            be,
            "containerd",
            "kubelet/kubepods/besteffort/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "v1 systemd docker Guaranteed",
            v1,
            g,
            "docker",
            sysG,
            dockerScope,
            dockerSandboxScope,
            ""),
        new Layout(
            "v1 systemd cri-o/crun Burstable",
            v1,
            b,
            "cri-o",
            sysB,
            crioScope,
            crioSandboxScope,
            "container"),
        new Layout(
            "v1 systemd kind /kubelet cri-o/runc BestEffort",
            v1,
            be,
            "cri-o",
            kindBE,
            crioScope,
            crioSandboxScope,
            ""),
        new Layout(
            "v1 cgroupfs containerd BestEffort",
            v1,
            be,
            "containerd",
            "kubepods/besteffort/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "v1 cgroupfs cri-o/runc Guaranteed",
            v1,
            g,
            "cri-o",
            "kubepods/pod{uid}",
            "crio-{id}",
            "crio-{sandbox}",
            ""),
        new Layout(
            "v1 cgroupfs kind /kubelet docker Burstable",
            v1,
            b,
            "docker",
            "kubelet/kubepods/burstable/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "v1 cgroupfs node nested in docker (cgroupns=host)",
            v1,
            b,
            "containerd",
            "docker/{node}/kubelet/kubepods/burstable/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "hybrid systemd containerd Guaranteed",
            hy,
            g,
            "containerd",
            sysG,
            ctrdScope,
            ctrdSandboxScope,
            ""),
        new Layout(
            "hybrid systemd kind /kubelet containerd Burstable",
            hy,
            b,
            "containerd",
            kindB,
            ctrdScope,
            ctrdSandboxScope,
            ""),
        new Layout(
            "hybrid systemd cri-o/crun Guaranteed",
            hy,
            g,
            "cri-o",
            sysG,
            crioScope,
            crioSandboxScope,
            "container"),
        new Layout(
            "hybrid cgroupfs docker BestEffort",
            hy,
            be,
            "docker",
            "kubepods/besteffort/pod{uid}",
            "{id}",
            "{sandbox}",
            ""),
        new Layout(
            "hybrid cgroupfs cri-o/runc Burstable",
            hy,
            b,
            "cri-o",
            "kubepods/burstable/pod{uid}",
            "crio-{id}",
            "crio-{sandbox}",
            ""));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("layouts")
  void findsTheContainerAndOnlyItsProcesses(Layout layout, @TempDir Path temp) {
    CgroupTree fixture =
        CgroupTree.create(temp, CgroupTree.Version.valueOf(layout.version().name())).hostNoise();
    // the pod's sandbox, a process placed in the pod dir itself, and another pod's container
    fixture.procs(layout.pod() + "/" + layout.expand(layout.sandboxDir()), 700);
    fixture.procs(layout.pod(), 701);
    String otherPod = layout.pod().replace(layout.systemd() ? UID_ : UID, OTHER_POD_UID_);
    fixture.procs(otherPod + "/" + layout.expand(layout.containerDir()), 600);
    if (!layout.processSubdir().isEmpty()) {
      fixture.rawProcs(layout.container(), "");
    }
    fixture.procs(layout.processes(), 1002, 1001);

    PodResolution resolution =
        resolver(fixture)
            .resolve(
                new PodRef(
                    UID,
                    layout.qos(),
                    List.of(ContainerRef.of("app", layout.scheme() + "://" + ID))));

    assertThat(resolution.layout().version()).isEqualTo(layout.version());
    ContainerResolution app = resolution.container("app").orElseThrow();
    assertThat(app.error()).isEmpty();
    ContainerCgroup cgroup = app.cgroup().orElseThrow();
    assertThat(cgroup.relativePath()).isEqualTo(layout.container());
    assertThat(cgroup.hierarchy().controller())
        .isEqualTo(layout.version() == CgroupVersion.V2 ? "" : "memory");
    assertThat(cgroup.driver())
        .isEqualTo(layout.systemd() ? CgroupDriver.SYSTEMD : CgroupDriver.CGROUPFS);
    assertThat(cgroup.qosClass()).isEqualTo(layout.qos());
    assertThat(cgroup.podDirectory().getFileName().toString())
        .isEqualTo(Path.of(layout.pod()).getFileName().toString());
    assertThat(app.pids()).containsExactly(1001, 1002);
    assertThat(app.processDirectories())
        .containsExactly(cgroup.hierarchy().root().resolve(layout.processes()));
    assertThat(resolution.diagnostics()).isEmpty();
  }

  private static CgroupResolver resolver(CgroupTree tree) {
    return new CgroupResolver(tree.cgroupRoot(), tree.procRoot());
  }
}
