package io.migratepages.engine.cgroup;

import static io.migratepages.engine.cgroup.CgroupLayoutsTest.ID;
import static io.migratepages.engine.cgroup.CgroupLayoutsTest.UID;
import static io.migratepages.engine.cgroup.CgroupLayoutsTest.UID_;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.testsupport.CgroupTree;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupResolverTest {
  static final String BURSTABLE_POD =
      "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + UID_ + ".slice";
  static final String CONTAINER = BURSTABLE_POD + "/cri-containerd-" + ID + ".scope";
  static final String ID2 = "b".repeat(64);
  static final String ID3 = "c".repeat(64);

  @TempDir Path temp;

  private static PodRef pod(QosClass qos, String... containerIds) {
    List<ContainerRef> containers =
        java.util.stream.IntStream.range(0, containerIds.length)
            .mapToObj(i -> ContainerRef.of("c" + i, containerIds[i]))
            .toList();
    return new PodRef(UID, qos, containers);
  }

  private static PodRef burstable(String containerId) {
    return pod(QosClass.BURSTABLE, containerId);
  }

  private static ContainerResolution only(PodResolution resolution) {
    assertThat(resolution.containers()).hasSize(1);
    return resolution.containers().get(0);
  }

  @Test
  void threadedChildIsSkippedButDomainChildIsWalked() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001);
    fixture.file(CONTAINER + "/workers", "cgroup.type", "threaded\n");
    fixture.procs(CONTAINER + "/workers", 1001, 1500);
    fixture.file(CONTAINER + "/jobs", "cgroup.type", "domain\n");
    fixture.procs(CONTAINER + "/jobs", 1600);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.pids()).containsExactly(1001, 1600);
    assertThat(result.diagnostics()).anyMatch(d -> d.contains("skipped threaded cgroup"));
  }

  @Test
  void mountUnitsAndConmonAreIgnored() {
    String pod = BURSTABLE_POD;
    String container = pod + "/crio-" + ID + ".scope";
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(pod + "/crio-conmon-" + ID + ".scope", 800);
    fixture.rawProcs(container, "");
    fixture.procs(container + "/container", 1001);
    // a mount unit inside the container's subtree: its pid would even verify as "under" it
    fixture.procs(container + "/dev-hugepages.mount", 801);
    fixture.procs(container + "/container/crio-conmon-x", 802);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("cri-o://" + ID)));

    assertThat(result.cgroup().orElseThrow().directory().getFileName().toString())
        .isEqualTo("crio-" + ID + ".scope");
    assertThat(result.pids()).containsExactly(1001);
  }

  @Test
  void conmonAloneIsNotTakenForTheContainer() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(BURSTABLE_POD + "/crio-conmon-" + ID + ".scope", 800);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("cri-o://" + ID)));

    assertThat(result.isFound()).isFalse();
    assertThat(result.error().orElseThrow()).contains("crio-" + ID + ".scope");
  }

  @Test
  void zerosDuplicatesAndBlankLinesAreSkipped() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001, 1003);
    fixture.rawProcs(CONTAINER, "0\n1003\n\n1001\n1001\n0");
    fixture.procs(CONTAINER + "/sub", 1003, 1002);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.pids()).containsExactly(1001, 1002, 1003);
    assertThat(result.diagnostics()).noneMatch(d -> d.contains("dropped"));
    assertThat(result.processDirectories())
        .containsExactly(fixture.path("", CONTAINER), fixture.path("", CONTAINER + "/sub"));
  }

  @Test
  void nestedSubCgroupsAreWalked() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V1);
    fixture.rawProcs(CONTAINER, "");
    fixture.procs(CONTAINER + "/a", 1010);
    fixture.procs(CONTAINER + "/a/b", 1011);
    fixture.procs(CONTAINER + "/a/b/c/d", 1012, 1013);
    fixture.procs(CONTAINER + "/z", 1009);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.pids()).containsExactly(1009, 1010, 1011, 1012, 1013);
  }

  @Test
  void missingContainerSaysWhereItLooked() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.HYBRID).hostNoise();
    fixture.procs(BURSTABLE_POD + "/cri-containerd-" + ID2 + ".scope", 1001);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.isFound()).isFalse();
    assertThat(result.pids()).isEmpty();
    assertThat(result.error().orElseThrow())
        .contains("container 'c0' (containerd://" + ID + ") of pod " + UID + " not found")
        .contains("cgroup HYBRID")
        .contains("v1 memory at " + fixture.cgroupRoot().resolve("memory"))
        .contains("v1 pids at " + fixture.cgroupRoot().resolve("pids"))
        .contains("v2 unified at " + fixture.cgroupRoot().resolve("unified"))
        .contains(fixture.cgroupRoot().resolve("memory/kubepods.slice") + " (systemd)")
        .contains("pod directory " + fixture.cgroupRoot().resolve("memory").resolve(BURSTABLE_POD))
        .contains("cri-containerd-" + ID + ".scope");
  }

  @Test
  void missingPodSaysWhichRootsAndNamesItTried() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2).hostNoise();
    fixture.procs("kubepods/burstable/pod0000-other/" + ID2, 1001);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("docker://" + ID)));

    assertThat(result.error().orElseThrow())
        .contains("kubepods root " + fixture.cgroupRoot().resolve("kubepods") + " (cgroupfs)")
        .contains(fixture.cgroupRoot().resolve("kubepods/burstable/pod" + UID).toString())
        .contains(fixture.cgroupRoot().resolve("kubepods/besteffort/pod" + UID).toString())
        .contains(fixture.cgroupRoot().resolve("kubepods/pod" + UID).toString())
        .contains("docker-" + ID + ".scope")
        .contains(", " + ID + "]");
  }

  @Test
  void noKubepodsRootWithinTheSearchDepthIsReported() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2).hostNoise();
    String deep = "a/b/c/d/e/f/kubepods.slice";
    fixture.procs(deep + "/kubepods-pod" + UID_ + ".slice/cri-containerd-" + ID + ".scope", 1001);

    ContainerResolution result =
        only(resolver(fixture).resolve(pod(QosClass.GUARANTEED, "containerd://" + ID)));

    assertThat(result.isFound()).isFalse();
    assertThat(result.error().orElseThrow())
        .contains("no kubepods root (kubepods, kubepods.slice, *-kubepods.slice) within 6 levels")
        .contains("kubepods-pod" + UID_ + ".slice")
        .contains("pod" + UID + " (cgroupfs)");

    // one level shallower is within reach
    CgroupTree shallower = CgroupTree.create(temp.resolve("ok"), CgroupTree.Version.V2);
    shallower.procs(
        "a/b/c/d/e/kubepods.slice/kubepods-pod" + UID_ + ".slice/cri-containerd-" + ID + ".scope",
        1001);
    assertThat(
            only(resolver(shallower).resolve(pod(QosClass.GUARANTEED, "containerd://" + ID)))
                .pids())
        .containsExactly(1001);
  }

  @Test
  void theShallowestKubepodsRootIsTheNodesOwn() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001);
    fixture.procs("system.slice/docker-nested.scope/" + CONTAINER, 1002);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.cgroup().orElseThrow().relativePath()).isEqualTo(CONTAINER);
    assertThat(result.pids()).containsExactly(1001);
  }

  @Test
  void theSearchStopsAfterItsDirectoryBudgetAndSaysSo() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2).hostNoise();
    fixture.procs("zzz/" + CONTAINER, 1001);
    CgroupResolver resolver =
        new CgroupResolver(
            fixture.cgroupRoot(), fixture.procRoot(), null, new KubepodsRootFinder(6, 3));

    ContainerResolution result = only(resolver.resolve(burstable("containerd://" + ID)));

    assertThat(result.error().orElseThrow()).contains("search stopped after listing 3 directories");
  }

  @Test
  void wrongQosClassIsRecoveredAndSaidSo() {
    String bestEffortPod = "kubepods/besteffort/pod" + UID;
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V1);
    fixture.procs(bestEffortPod + "/" + ID, 1001);

    PodResolution resolution =
        resolver(fixture).resolve(pod(QosClass.GUARANTEED, "containerd://" + ID));

    ContainerResolution result = only(resolution);
    assertThat(result.pids()).containsExactly(1001);
    assertThat(result.cgroup().orElseThrow().qosClass()).isEqualTo(QosClass.BEST_EFFORT);
    assertThat(resolution.diagnostics())
        .singleElement()
        .asString()
        .contains("QoS class given as Guaranteed")
        .contains("BestEffort");
  }

  @Test
  void missingQosClassIsRecoveredAndSaidSo() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001);

    PodResolution resolution =
        resolver(fixture)
            .resolve(PodRef.of(UID, null, List.of(ContainerRef.of("app", "containerd://" + ID))));

    assertThat(only(resolution).pids()).containsExactly(1001);
    assertThat(resolution.diagnostics())
        .singleElement()
        .asString()
        .contains("QoS class not given")
        .contains("Burstable");
  }

  @Test
  void multipleContainersAreResolvedSeparatelyAndAMissingOneDoesNotStopTheOthers() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001, 1002);
    fixture.procs(BURSTABLE_POD + "/cri-containerd-" + ID2 + ".scope", 2001);

    PodResolution resolution =
        resolver(fixture)
            .resolve(
                pod(
                    QosClass.BURSTABLE,
                    "containerd://" + ID,
                    "containerd://" + ID2,
                    "containerd://" + ID3));

    assertThat(resolution.containers())
        .extracting(c -> c.container().name())
        .containsExactly("c0", "c1", "c2");
    assertThat(resolution.container("c0").orElseThrow().pids()).containsExactly(1001, 1002);
    assertThat(resolution.container("c1").orElseThrow().pids()).containsExactly(2001);
    assertThat(resolution.container("c2").orElseThrow().error()).isPresent();
    assertThat(resolution.allFound()).isFalse();
    assertThat(resolution.allPids()).containsExactly(1001, 1002, 2001);
  }

  @Test
  void reusedAndExitedPidsAreDroppedWithAReason() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(CONTAINER, 1001);
    // 1050 is listed, but by now /proc says it lives elsewhere (exited, pid reused); 1060 is gone
    fixture.rawProcs(CONTAINER, "1001\n1050\n1060");
    fixture.procCgroup(1050, "/system.slice/cron.service");

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.pids()).containsExactly(1001);
    assertThat(result.diagnostics())
        .anyMatch(d -> d.contains("pid 1050 is in /system.slice/cron.service, not under"))
        .anyMatch(d -> d.contains("pid 1060 has exited"));
  }

  @Test
  void containerWithoutProcessesIsFoundButEmpty() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.rawProcs(CONTAINER, "");

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.isFound()).isTrue();
    assertThat(result.pids()).isEmpty();
    assertThat(result.diagnostics()).anyMatch(d -> d.contains("no running processes"));
  }

  @Test
  void v1FallsBackToThePidsHierarchyWhenMemoryLacksThePod() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V1);
    fixture.dir("kubepods.slice");
    fixture.procsInOnly("pids", CONTAINER, 1001);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.cgroup().orElseThrow().hierarchy().controller()).isEqualTo("pids");
    assertThat(result.pids()).containsExactly(1001);
    assertThat(result.diagnostics())
        .anyMatch(d -> d.contains("not found in v1 memory") && d.contains("found in v1 pids"));
  }

  @Test
  void hybridFallsBackToTheUnifiedTree() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.HYBRID);
    fixture.procsInOnly("unified", CONTAINER, 1001);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.cgroup().orElseThrow().hierarchy().isUnified()).isTrue();
    assertThat(result.pids()).containsExactly(1001);
  }

  @Test
  void containerDirectoryNamedForTheOtherDriverIsFoundWithANote() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.V2);
    fixture.procs(BURSTABLE_POD + "/" + ID, 1001);

    ContainerResolution result = only(resolver(fixture).resolve(burstable("containerd://" + ID)));

    assertThat(result.pids()).containsExactly(1001);
    assertThat(result.diagnostics()).anyMatch(d -> d.contains("cgroupfs driver"));
  }

  @Test
  void forcedVersionOverridesDetection() {
    CgroupTree fixture = CgroupTree.create(temp, CgroupTree.Version.HYBRID);
    fixture.procs(CONTAINER, 1001);

    CgroupResolver v1Only =
        new CgroupResolver(fixture.cgroupRoot(), fixture.procRoot(), CgroupVersion.V1);
    assertThat(v1Only.layout().hierarchies())
        .extracting(CgroupHierarchy::controller)
        .containsExactly("memory", "pids", "cpuset", "name=systemd");
    CgroupResolver unifiedAsV2 =
        new CgroupResolver(
            fixture.cgroupRoot().resolve("unified"), fixture.procRoot(), CgroupVersion.V2);
    ContainerResolution result = only(unifiedAsV2.resolve(burstable("containerd://" + ID)));
    assertThat(result.cgroup().orElseThrow().hierarchy().isUnified()).isTrue();
    assertThat(result.pids()).containsExactly(1001);
  }

  @Test
  void noCgroupTreeIsAClearError() {
    CgroupResolver resolver = new CgroupResolver(temp.resolve("empty"), temp);
    assertThatThrownBy(() -> resolver.resolve(burstable("containerd://" + ID)))
        .isInstanceOf(CgroupResolutionException.class)
        .hasMessageContaining(temp.resolve("empty").toString())
        .hasMessageContaining("cgroup.controllers")
        .hasMessageContaining("memory/");
  }

  private static CgroupResolver resolver(CgroupTree tree) {
    return new CgroupResolver(tree.cgroupRoot(), tree.procRoot());
  }
}
