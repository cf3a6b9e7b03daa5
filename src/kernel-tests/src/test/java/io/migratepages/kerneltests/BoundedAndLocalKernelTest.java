package io.migratepages.kerneltests;

import static io.migratepages.kerneltests.NumaNodeBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The bounded mode (move_pages in batches) and the node spec local on the real kernel, in one boot
 * of the 4-cpus topology: nodes 0-3, each with memory and one CPU (scenario:
 * src/test/vm/bounded-and-local.sh).
 */
class BoundedAndLocalKernelTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static NumaVmScenario vm;

  @BeforeAll
  static void bootVm() {
    // Seven CLI runs and a Python process: more than the default limit allows on a loaded host.
    vm = NumaVmScenario.run("4-cpus", "bounded-and-local.sh", 1500);
  }

  private static JsonNode json(CaseEvidence c) throws Exception {
    return JSON.readTree(c.stdout());
  }

  @Test
  void theVmHasFourNodesEachWithACpuAndMemory() {
    assertThat(vm.environment("has_memory")).isEqualTo("0-3");
    assertThat(vm.environment("has_cpu")).isEqualTo("0-3");
  }

  @Test
  void bounded256MiBFromNode0ToNode1() throws Exception {
    CaseEvidence move = vm.evidence("bounded-256");
    assertThat(move.exitCode()).as(move.describe()).isZero();
    assertThat(move.before().on(0)).as("memhog placed on node 0").isGreaterThanOrEqualTo(256 * MIB);
    assertThat(move.after().share(1))
        .as("share on node 1 afterwards: %s", move.after())
        .isGreaterThanOrEqualTo(0.95);

    JsonNode report = json(move);
    assertThat(report.path("mode").asText()).isEqualTo("bounded");
    assertThat(report.path("calls").asLong()).as(move.describe()).isGreaterThan(10);
    assertThat(report.path("bytesMoved").asLong())
        .as("bytes moved against numa_maps (THP: %s)", move.extra("anon-huge-pages"))
        .isBetween(256 * MIB, move.before().on(0));
    assertThat(report.path("p99CallNanos").asLong()).as(move.describe()).isPositive();
    if (report.path("warnings").toString().contains("budget allows")) {
      // Under TCG each move_pages call's fixed cost (draining every vCPU's LRU caches) can exceed
      // the budget; the engine must then say so rather than claim it.
      assertThat(report.path("warnings").toString()).contains("however few pages it moves");
    }
    // No bound on the call times here: inside the emulated VM they swing with the host's load (a
    // p99 of 30.05 ms failed a 30 ms bound on a quiet host). Whether calls keep to the budget is
    // measured by src/benchmarks/run-pause-whole-vs-bounded, as ratios from one VM run.
    assertThat(report.path("longestCallNanos").asLong())
        .isGreaterThanOrEqualTo(report.path("p99CallNanos").asLong());
    assertThat(report.path("notMovedByReason").isObject()).isTrue();
  }

  @Test
  void boundedUnequalAmountsKeepTheirRelativePlace() throws Exception {
    CaseEvidence move = vm.evidence("bounded-relative-2-3-to-0-1");
    NumaNodeBytes before = move.before();
    NumaNodeBytes after = move.after();
    assertThat(move.exitCode()).as(move.describe()).isZero();
    assertThat(json(move).path("mode").asText()).isEqualTo("bounded");
    assertThat(before.on(2)).as("on node 2: %s", before).isGreaterThanOrEqualTo(96 * MIB);
    assertThat(before.on(3)).as("on node 3: %s", before).isBetween(48 * MIB, 60 * MIB);
    assertThat(after.on(0) - before.on(0))
        .as("gained on node 0: before %s, after %s", before, after)
        .isBetween(95 * MIB, 100 * MIB);
    assertThat(after.on(1) - before.on(1))
        .as("gained on node 1: before %s, after %s", before, after)
        .isBetween(47 * MIB, 52 * MIB);
    assertThat(after.on(2) + after.on(3)).as("left on nodes 2 and 3: %s", after).isLessThan(MIB);
  }

  @Test
  void localMovesAProcessPinnedToNode1sCpuToNode1() throws Exception {
    CaseEvidence dry = vm.evidence("local-dry-run");
    assertThat(dry.exitCode()).as(dry.describe()).isZero();
    assertThat(dry.stdout())
        .contains("to-nodes local = 1 (the process may run on CPUs 1, on node(s) 1)")
        .contains("bounded: move_pages over");

    CaseEvidence move = vm.evidence("local-pinned-to-node-1");
    assertThat(move.exitCode()).as(move.describe()).isZero();
    JsonNode report = json(move);
    assertThat(report.path("local").toString())
        .isEqualTo("{\"cpus\":\"1\",\"cpuNodes\":[1],\"nodes\":[1]}");
    assertThat(report.path("to").toString()).isEqualTo("[1]");
    assertThat(report.path("from").toString()).isEqualTo("[0,2,3]");
    assertThat(move.before().on(0)).isGreaterThanOrEqualTo(64 * MIB);
    assertThat(move.after().share(1))
        .as("share on node 1 afterwards: %s", move.after())
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void localOnTheCpusOfNodes2And3MovesTo2And3() throws Exception {
    CaseEvidence move = vm.evidence("local-cpus-of-nodes-2-3");
    assertThat(move.exitCode()).as(move.describe()).isZero();
    JsonNode report = json(move);
    assertThat(report.path("local").path("nodes").toString()).isEqualTo("[2,3]");
    assertThat(report.path("from").toString()).isEqualTo("[0,1]");
    NumaNodeBytes before = move.before();
    NumaNodeBytes after = move.after();
    assertThat(after.on(2) - before.on(2))
        .as("0 -> 2: before %s, after %s", before, after)
        .isBetween(47 * MIB, 52 * MIB);
    assertThat(after.on(3) - before.on(3))
        .as("1 -> 3: before %s, after %s", before, after)
        .isBetween(31 * MIB, 36 * MIB);
    assertThat(after.on(0) + after.on(1)).as("left on nodes 0 and 1: %s", after).isLessThan(MIB);
  }

  @Test
  void aProcessThatExitsMidMoveGivesAPartialResult() throws Exception {
    CaseEvidence move = vm.evidence("bounded-exits-mid-move");
    assertThat(move.extra("killed-at"))
        .as("the watcher never saw pages arrive on node 1: %s", move.describe())
        .isNotNull();
    assertThat(move.exitCode()).as(move.describe()).isEqualTo(1);
    JsonNode report = json(move);
    assertThat(report.has("error")).as(move.describe()).isFalse();
    assertThat(report.path("processExited").asBoolean()).as(move.describe()).isTrue();
    assertThat(report.path("bytesMoved").asLong())
        .as("moved some, not all: %s", move.describe())
        .isBetween(16 * MIB, 255 * MIB);
    assertThat(report.path("warnings").toString()).contains("exited while its pages moved");
    assertThat(move.stderr()).doesNotContain("internal error");
  }

  @Test
  void aProcessThatUnmapsMidMoveGivesAPartialResult() throws Exception {
    CaseEvidence move = vm.evidence("bounded-unmaps-mid-move");
    assertThat(move.extra("unmapped"))
        .as("the process never unmapped: %s", move.describe())
        .isNotNull();
    assertThat(move.exitCode()).as(move.describe()).isZero();
    JsonNode report = json(move);
    assertThat(report.path("processExited").asBoolean()).isFalse();
    assertThat(report.path("bytesMoved").asLong())
        .as("the unmapped half never moved: %s", move.describe())
        .isBetween(16 * MIB, 200 * MIB);
    assertThat(move.after().share(1))
        .as("what is still mapped moved: %s", move.after())
        .isGreaterThanOrEqualTo(0.9);
    assertThat(move.stderr()).doesNotContain("internal error");
  }
}
