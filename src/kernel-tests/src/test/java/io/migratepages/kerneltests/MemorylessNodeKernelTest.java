package io.migratepages.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A destination node without memory (scenario: src/test/vm/memoryless-node.sh). */
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
}
