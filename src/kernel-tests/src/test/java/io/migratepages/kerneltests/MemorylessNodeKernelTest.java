package io.migratepages.kerneltests;

import static io.migratepages.kerneltests.NumaNodeBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A node without memory as destination and inside FROM (scenario: src/test/vm/memoryless-node.sh).
 */
class MemorylessNodeKernelTest {

  private static NumaVmScenario vm;

  @BeforeAll
  static void bootVm() {
    vm = NumaVmScenario.run("4-memoryless", "memoryless-node.sh");
  }

  @Test
  void node1IsOnlineWithACpuButNoMemory() {
    assertThat(vm.environment("online")).isEqualTo("0-3");
    assertThat(vm.environment("has_memory")).isEqualTo("0,2-3");
    assertThat(vm.environment("has_cpu")).isEqualTo("0-1");
  }

  @Test
  void movingToTheMemorylessNodeFailsNamingIt() {
    CaseEvidence move = vm.evidence("to-memoryless-node");

    assertThat(move.exitCode()).as(move.describe()).isNotZero();
    assertThat(move.stderr())
        .as(move.describe())
        .containsIgnoringCase("memory")
        .containsPattern("\\b1\\b");
    assertThat(move.after().share(0)).as("still on node 0: %s", move.after()).isGreaterThan(0.95);
  }

  /**
   * numactl's parser leaves node 1 out of 0-3 (it has no memory), so 0,2,3 -> 0,2 moves node 3 to
   * node 0. Keeping node 1 would move node 3 to node 2 instead.
   */
  @Test
  void fromWithAMemorylessNodePlacesPagesExactlyAsNumactl() {
    CaseEvidence ours = vm.evidence("from-with-memoryless-ours");
    CaseEvidence numactl = vm.evidence("from-with-memoryless-numactl");

    assertThat(ours.exitCode()).as(ours.describe()).isZero();
    assertThat(numactl.exitCode()).as(numactl.describe()).isZero();
    for (CaseEvidence move : new CaseEvidence[] {ours, numactl}) {
      NumaNodeBytes before = move.before();
      NumaNodeBytes after = move.after();
      assertThat(before.on(3)).as("64 MiB on node 3: %s", before).isGreaterThanOrEqualTo(64 * MIB);
      assertThat(after.on(0) - before.on(0))
          .as(
              "%s: node 3's 64 MiB went to node 0: before %s, after %s",
              move.command(), before, after)
          .isBetween(63 * MIB, 66 * MIB);
      assertThat(after.on(2) - before.on(2))
          .as(
              "%s: node 2 kept its own and got nothing: before %s, after %s",
              move.command(), before, after)
          .isBetween(-MIB, MIB);
      assertThat(after.on(3)).as("%s: node 3 emptied: %s", move.command(), after).isLessThan(MIB);
    }
    for (int node = 0; node <= 3; node++) {
      assertThat(Math.abs(ours.after().on(node) - numactl.after().on(node)))
          .as("node %d: ours %s, numactl %s", node, ours.after(), numactl.after())
          .isLessThan(2 * MIB);
    }
  }

  @Test
  void theRunAndTheDryRunReportTheFromTheKernelGotAndWarn() throws Exception {
    for (String name : new String[] {"from-with-memoryless-ours", "from-with-memoryless-dry-run"}) {
      CaseEvidence move = vm.evidence(name);
      assertThat(move.exitCode()).as(move.describe()).isZero();
      JsonNode report = new ObjectMapper().readTree(move.stdout());
      assertThat(report.path("from").toString()).as(move.describe()).isEqualTo("[0,2,3]");
      assertThat(report.path("plan").toString())
          .as(move.describe())
          .isEqualTo("[{\"from\":3,\"to\":0}]");
      assertThat(report.path("warnings").toString())
          .as(move.describe())
          .contains("source node(s) 1 have no memory");
    }
  }
}
