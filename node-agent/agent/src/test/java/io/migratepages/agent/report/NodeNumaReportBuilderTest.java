package io.migratepages.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeNumaReportBuilderTest {
  private static final Instant T = Instant.parse("2026-12-02T10:00:00Z");

  @TempDir Path host;

  private NumaTopology twoNodes() throws Exception {
    HostFixture.twoNodes(host).write();
    return new SysfsTopologyReader(new HostPaths(host)).read();
  }

  private static PodNumaUsage pod(String namespace, String name, int containers) {
    return new PodNumaUsage(
        namespace,
        name,
        name + "-uid",
        IntStream.range(0, containers)
            .mapToObj(
                i ->
                    ContainerNumaPlacement.builder()
                        .name("c" + i)
                        .bytes(Map.of("0", 1L))
                        .totalBytes(1)
                        .build())
            .toList());
  }

  @Test
  void describesTheHostsNumaNodes() throws Exception {
    NodeNumaReportStatus status =
        new NodeNumaReportBuilder().build("agent-1", twoNodes(), List.of(), T);

    assertThat(status.getAgent()).isEqualTo("agent-1");
    assertThat(status.getReportTime()).isEqualTo("2026-12-02T10:00:00Z");
    assertThat(status.getNumaNodeCount()).isEqualTo(2);
    assertThat(status.getCpus()).isEqualTo("0-7");
    assertThat(status.getMemory()).isEqualTo("8Gi/16Gi");
    assertThat(status.getNumaNodes())
        .extracting(n -> n.getId(), n -> n.getCpus(), n -> n.getMemTotalBytes())
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, "0-3", 8L << 30),
            org.assertj.core.groups.Tuple.tuple(1, "4-7", 8L << 30));
    assertThat(status.getNumaNodes().get(0).getMemFreeBytes()).isEqualTo(4L << 30);
    assertThat(status.getNumaNodes().get(0).getDistances()).containsOnlyKeys("0", "1");
    assertThat(status.getPodsOmitted()).isNull();
  }

  @Test
  void listsWholePodsInNamespaceNameOrderUpToTheContainerCapAndCountsTheRest() throws Exception {
    List<PodNumaUsage> pods =
        List.of(pod("b", "x", 2), pod("a", "z", 2), pod("a", "y", 1), pod("c", "w", 1));

    NodeNumaReportStatus status = new NodeNumaReportBuilder(4).build("a", twoNodes(), pods, T);

    assertThat(status.getPods())
        .extracting(PodNumaPlacement::getNamespace, PodNumaPlacement::getName)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", "y"),
            org.assertj.core.groups.Tuple.tuple("a", "z"));
    assertThat(status.getContainerCount()).isEqualTo(3);
    assertThat(status.getPodsOmitted()).as("b/x would pass the cap; c/w after it too").isEqualTo(2);
    assertThat(status.getContainersOmitted()).isEqualTo(3);
  }
}
