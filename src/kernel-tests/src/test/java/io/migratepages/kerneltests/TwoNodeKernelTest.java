package io.migratepages.kerneltests;

import static io.migratepages.kerneltests.NumaNodeBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** bin/migratepages against real processes on a 2-node VM (scenario: src/test/vm/two-nodes.sh). */
class TwoNodeKernelTest {

  /** Pages an idle memhog (or the kernel) may touch between our snapshot and the CLI's own read. */
  private static final long JSON_TOLERANCE_BYTES = MIB;

  private static NumaVmScenario vm;

  @BeforeAll
  static void bootVm() {
    vm = NumaVmScenario.run("2", "two-nodes.sh");
  }

  @Test
  void theVmHasTwoMemoryNodes() {
    assertThat(vm.environment("online")).isEqualTo("0-1");
    assertThat(vm.environment("has_memory")).isEqualTo("0-1");
  }

  @Test
  void moves256MiBFromNode0ToNode1() {
    CaseEvidence move = vm.evidence("move-256");

    assertThat(move.exitCode()).as(move.describe()).isZero();
    assertThat(move.before().on(0))
        .as("memhog placed on node 0 first")
        .isGreaterThanOrEqualTo(256 * MIB);
    assertThat(move.after().share(1))
        .as("share of the process's memory on node 1 afterwards: %s", move.after())
        .isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void jsonBeforeAndAfterAgreeWithNumaMaps() throws Exception {
    CaseEvidence json = vm.evidence("json");
    assertThat(json.exitCode()).as(json.describe()).isZero();
    JsonNode report = new ObjectMapper().readTree(json.stdout());

    assertThat(report.path("pid").asInt()).isEqualTo(json.pid());
    assertThat(report.path("from").toString()).isEqualTo("[0]");
    assertThat(report.path("to").toString()).isEqualTo("[1]");
    assertThat(report.path("pagesNotMoved").asLong(-1)).as(json.describe()).isZero();
    assertThat(report.path("elapsedNanos").asLong()).isPositive();
    assertThat(report.path("warnings").isArray()).as("warnings is a list: %s", report).isTrue();
    assertThat(vm.environment("numa_balancing")).as("the VM's kernel balances NUMA").isEqualTo("1");
    assertThat(report.path("warnings").toString())
        .as("warns about numa_balancing")
        .contains("numa_balancing");
    assertAgree(bytesByNode(report.path("before")), json.before(), "before");
    assertAgree(bytesByNode(report.path("after")), json.after(), "after");
    assertThat(json.after().share(1)).as("after: %s", json.after()).isGreaterThanOrEqualTo(0.95);
  }

  @Test
  void sameNodeIsAValidNoOp() {
    assertNothingMoved(vm.evidence("noop-same-node"));
  }

  @Test
  void allToAllIsAValidNoOp() {
    assertNothingMoved(vm.evidence("noop-all-all"));
  }

  @Test
  void dryRunMovesNothing() {
    assertNothingMoved(vm.evidence("dry-run"));
  }

  @Test
  void nonexistentPidFailsWithNoSuchProcess() {
    CaseEvidence missing = vm.evidence("no-such-pid");

    assertThat(missing.exitCode()).as(missing.describe()).isNotZero();
    assertThat(missing.stderr()).containsIgnoringCase("no such process");
  }

  @Test
  void kernelThreadIsRefusedWithEinval() {
    CaseEvidence kthreadd = vm.evidence("kernel-thread");

    assertThat(kthreadd.exitCode()).as(kthreadd.describe()).isNotZero();
    assertThat(kthreadd.stderr())
        .as(kthreadd.describe())
        .contains("process 2 (kthreadd) is a kernel thread")
        .contains("EINVAL");
  }

  @Test
  void unprivilegedCallerGetsEpermNamingTheCapabilities() {
    CaseEvidence nobody = vm.evidence("unprivileged");

    assertThat(nobody.exitCode()).as(nobody.describe()).isNotZero();
    assertThat(nobody.stderr())
        .as(nobody.describe())
        .contains("EPERM")
        .contains("CAP_SYS_PTRACE")
        .contains("CAP_SYS_NICE");
    assertThat(nobody.after().share(0))
        .as("still on node 0: %s", nobody.after())
        .isGreaterThan(0.95);
  }

  private static void assertNothingMoved(CaseEvidence evidence) {
    assertThat(evidence.exitCode()).as(evidence.describe()).isZero();
    assertThat(evidence.before().on(0))
        .as("memhog placed on node 0 first")
        .isGreaterThanOrEqualTo(64 * MIB);
    assertThat(evidence.after().on(1) - evidence.before().on(1))
        .as(
            "bytes that arrived on node 1: before %s, after %s",
            evidence.before(), evidence.after())
        .isLessThan(JSON_TOLERANCE_BYTES);
  }

  private static void assertAgree(
      Map<Integer, Long> reported, NumaNodeBytes numaMaps, String when) {
    Map<Integer, Long> all = new HashMap<>(numaMaps.bytesByNode());
    reported.keySet().forEach(node -> all.putIfAbsent(node, 0L));
    all.keySet()
        .forEach(
            node ->
                assertThat(reported.getOrDefault(node, 0L))
                    .as(
                        "%s, node %d: CLI said %s, numa_maps said %s",
                        when, node, reported, numaMaps)
                    .isBetween(
                        numaMaps.on(node) - JSON_TOLERANCE_BYTES,
                        numaMaps.on(node) + JSON_TOLERANCE_BYTES));
  }

  private static Map<Integer, Long> bytesByNode(JsonNode map) {
    assertThat(map.isObject()).as("a map of node -> bytes: %s", map).isTrue();
    Map<Integer, Long> bytes = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = map.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      bytes.put(Integer.parseInt(entry.getKey()), entry.getValue().asLong());
    }
    return bytes;
  }
}
