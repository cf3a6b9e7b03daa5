package io.migratepages.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.nio.file.Path;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * bin/demo's scenario, run once, judged: the real operator on the host and the real node agent in a
 * 2-NUMA-node VM move a pod's memory from node 0 to node 1, and what the NumaMigration reports
 * matches the VM's own numa_maps reads. Needs the NUMA VM (src/numa-vm/numa-vm setup, or .ci/run)
 * and the operator and agent jars (the reactor builds them before this module): without them the
 * test fails and says so.
 */
class DemoScenarioTest {
  private static final long MIB = 1024 * 1024;

  /**
   * How far the agent's byte counts may differ from the node's numa_maps reads, per NUMA node. The
   * agent reads numa_maps right before and after its migrate_pages call; the node reads it before
   * the NumaMigration is applied and after it has finished. The process only sleeps in between, but
   * pages it shares with other processes (libc, the loader: mapped, not its own) can be faulted in
   * or reclaimed by the kernel meanwhile. 1 MiB is 256 such pages, under 0.4% of the 256 MiB moved;
   * in practice the reads agree to the byte.
   */
  private static final long TOLERANCE = MIB;

  private static DemoResult result;
  private static MigrationStatus status;

  @BeforeAll
  static void runTheDemo() {
    ProjectLayout layout =
        ProjectLayout.findFrom(Path.of(System.getProperty("migratepages.projectRoot", ".")));
    Path runDir =
        Path.of(System.getProperty("migratepages.demo.runDir", "target/demo-run")).toAbsolutePath();
    result = new DemoScenario(layout, runDir, new Narrator(System.out)).run();
    status = result.status();
  }

  @Test
  void theNumaMigrationSucceeded() {
    assertThat(status.phase()).isEqualTo("Succeeded");
    assertThat(result.phasesSeen()).last().isEqualTo("Succeeded");
    assertThat(status.pod(DemoScenario.POD))
        .hasValueSatisfying(pod -> assertThat(pod.get("phase")).isEqualTo("Succeeded"));
    assertThat(result.events()).anyMatch(e -> e.contains("MigrationSucceeded"));
  }

  @Test
  void theProcessAnonymousMemoryIsOnNode1ByTheVmsOwnRead() {
    NumaNodeBytes before = result.before().anonymous();
    NumaNodeBytes after = result.after().anonymous();
    assertThat(before.on(0))
        .as("memhog's %d MiB were on node 0 before: %s", DemoScenario.MEMORY_MIB, before)
        .isGreaterThanOrEqualTo(DemoScenario.MEMORY_MIB * MIB);
    assertThat(after.total())
        .as("the process still holds its memory after the move: %s", after)
        .isGreaterThanOrEqualTo(DemoScenario.MEMORY_MIB * MIB);
    assertThat((double) after.on(1))
        .as("anonymous bytes on node 1 after the move, of %s", after)
        .isGreaterThanOrEqualTo(0.95 * after.total());
  }

  @Test
  void theStatusByteCountsAgreeWithTheVmsNumaMaps() {
    MigrationStatus.ContainerResult container =
        status.container(DemoScenario.POD, DemoScenario.CONTAINER);
    SortedSet<Integer> nodes = new TreeSet<>(result.before().all().bytes().keySet());
    nodes.addAll(result.after().all().bytes().keySet());
    nodes.addAll(container.bytesBefore().bytes().keySet());
    nodes.addAll(container.bytesAfter().bytes().keySet());
    for (int node : nodes) {
      assertThat(container.bytesBefore().on(node))
          .as("bytesBefore on node %d, against numa_maps before", node)
          .isCloseTo(result.before().all().on(node), within(TOLERANCE));
      assertThat(container.bytesAfter().on(node))
          .as("bytesAfter on node %d, against numa_maps after", node)
          .isCloseTo(result.after().all().on(node), within(TOLERANCE));
    }
    long movedByNumaMaps = result.before().all().movedAway(result.after().all());
    assertThat(container.bytesMoved()).isCloseTo(movedByNumaMaps, within(TOLERANCE));
    assertThat(status.summaryBytesMoved()).isEqualTo(container.bytesMoved());
    assertThat(container.pagesNotMoved()).isZero();
    assertThat(container.processes()).isEqualTo(1);
  }

  @Test
  void theAgentFoundTheContainerProcessThroughItsCgroup() {
    assertThat(result.cgroup())
        .matches(
            "/sys/fs/cgroup/kubepods\\.slice/kubepods-pod[0-9a-f_]{36}\\.slice/"
                + "cri-containerd-[0-9a-f]{64}\\.scope");
    assertThat(result.nodeMigrations()).hasSize(1);
    GenericKubernetesResource nodeMigration = result.nodeMigrations().get(0);
    assertThat(nodeMigration.getMetadata().getLabels())
        .containsEntry("migratepages.io/node", DemoScenario.NODE);
    assertThat(new MigrationStatus(nodeMigration).processes(DemoScenario.POD))
        .singleElement()
        .satisfies(
            process -> {
              assertThat(process.pid()).isEqualTo(result.pid());
              assertThat(process.container()).isEqualTo(DemoScenario.CONTAINER);
              assertThat(process.phase()).isEqualTo("Succeeded");
            });
  }
}
