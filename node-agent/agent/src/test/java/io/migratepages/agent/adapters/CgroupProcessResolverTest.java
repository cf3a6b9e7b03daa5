package io.migratepages.agent.adapters;

import static io.migratepages.testsupport.CgroupTree.containerId;
import static io.migratepages.testsupport.CgroupTree.containerdId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.agent.port.ContainerProcesses;
import io.migratepages.agent.port.ProcessResolutionException;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.testsupport.CgroupTree;
import io.migratepages.testsupport.CgroupTree.Driver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CgroupProcessResolverTest {
  private static final String UID = "5d1f0c2a-aaaa-4b5c-8d9e-000000000001";

  @TempDir Path host;

  @Test
  void resolvesEveryContainerInSpecOrderWithABrokenIdKeptInPlace() {
    CgroupTree tree =
        CgroupTree.kubelet(host, Driver.SYSTEMD)
            .container(UID, "Burstable", containerId("app"), 11, 12)
            .container(UID, "Burstable", containerId("log"), 13);
    TargetPod pod =
        new TargetPod(
            "p",
            UID,
            "Burstable",
            List.of(
                new TargetContainer("log", containerdId("log")),
                new TargetContainer("bad", "not-a-container-id"),
                new TargetContainer("app", containerdId("app"))));

    List<ContainerProcesses> result =
        new CgroupProcessResolver(tree.cgroupRoot(), tree.procRoot()).resolve(pod);

    assertThat(result)
        .extracting(ContainerProcesses::container)
        .containsExactly("log", "bad", "app");
    assertThat(result.get(0).pids()).containsExactly(13);
    assertThat(result.get(1).isFound()).isFalse();
    assertThat(result.get(1).notFound())
        .hasValueSatisfying(m -> assertThat(m).contains("not-a-container-id"));
    assertThat(result.get(2).pids()).containsExactly(11, 12);
  }

  @Test
  void checkRejectsAPidThatLeftTheContainer() throws Exception {
    CgroupTree tree =
        CgroupTree.kubelet(host, Driver.SYSTEMD)
            .container(UID, "Burstable", containerId("app"), 11);
    TargetPod pod =
        new TargetPod(
            "p", UID, "Burstable", List.of(new TargetContainer("app", containerdId("app"))));
    ContainerProcesses app =
        new CgroupProcessResolver(tree.cgroupRoot(), tree.procRoot()).resolve(pod).get(0);

    assertThat(app.check().rejectionReason(11)).isEmpty();
    // the process exits and its PID is reused by a system service
    Files.writeString(tree.procRoot().resolve("11/cgroup"), "0::/system.slice/cron.service\n");
    assertThat(app.check().rejectionReason(11))
        .hasValueSatisfying(m -> assertThat(m).contains("not under"));
  }

  @Test
  void deletedPodIsNotFoundForEveryContainer() {
    CgroupTree tree = CgroupTree.kubelet(host, Driver.SYSTEMD);
    TargetPod pod =
        new TargetPod(
            "p",
            UID,
            "BestEffort",
            List.of(
                new TargetContainer("a", containerdId("a")),
                new TargetContainer("b", containerdId("b"))));

    List<ContainerProcesses> result =
        new CgroupProcessResolver(tree.cgroupRoot(), tree.procRoot()).resolve(pod);

    assertThat(result).hasSize(2).noneMatch(ContainerProcesses::isFound);
  }

  @Test
  void unreadableCgroupTreeIsAResolutionError() {
    assertThatThrownBy(
            () ->
                new CgroupProcessResolver(host.resolve("nothing-mounted"), host)
                    .resolve(
                        new TargetPod(
                            "p",
                            UID,
                            "Burstable",
                            List.of(new TargetContainer("a", containerdId("a"))))))
        .isInstanceOf(ProcessResolutionException.class);
  }
}
