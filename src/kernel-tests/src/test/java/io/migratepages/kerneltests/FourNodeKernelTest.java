package io.migratepages.kerneltests;

import static io.migratepages.kerneltests.NumaNodeBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Relative placement on a 4-node VM (scenario: src/test/vm/four-nodes.sh). */
class FourNodeKernelTest {

  private static NumaVmScenario vm;

  @BeforeAll
  static void bootVm() {
    vm = NumaVmScenario.run("4", "four-nodes.sh");
  }

  @Test
  void theVmHasFourMemoryNodes() {
    assertThat(vm.environment("has_memory")).isEqualTo("0-3");
  }

  @Test
  void unequalAmountsKeepTheirRelativePlace() {
    CaseEvidence move = vm.evidence("relative-2-3-to-0-1");
    NumaNodeBytes before = move.before();
    NumaNodeBytes after = move.after();

    assertThat(move.exitCode()).as(move.describe()).isZero();
    assertThat(before.on(2))
        .as("96 MiB placed on node 2: %s", before)
        .isGreaterThanOrEqualTo(96 * MIB);
    assertThat(before.on(3))
        .as("48 MiB placed on node 3: %s", before)
        .isBetween(48 * MIB, 60 * MIB);
    // 2 -> 0 and 3 -> 1: node 0 gains the 96 MiB, node 1 the 48 MiB (crossed, they would swap).
    assertThat(after.on(0) - before.on(0))
        .as("gained on node 0: before %s, after %s", before, after)
        .isBetween(95 * MIB, 100 * MIB);
    assertThat(after.on(1) - before.on(1))
        .as("gained on node 1: before %s, after %s", before, after)
        .isBetween(47 * MIB, 52 * MIB);
    assertThat(after.on(2) + after.on(3)).as("left on nodes 2 and 3: %s", after).isLessThan(MIB);
  }
}
