package io.migratepages.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Targets with no memory to move: a zombie, a kernel thread, a process killed while its pages move
 * (scenario: src/test/vm/exiting-processes.sh).
 */
class ExitingProcessKernelTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static NumaVmScenario vm;

  @BeforeAll
  static void bootVm() {
    vm = NumaVmScenario.run("2", "exiting-processes.sh");
  }

  @Test
  void aZombieIsAnExitedProcessInTheRunAndTheDryRun() throws Exception {
    CaseEvidence move = vm.evidence("zombie-move");
    assertThat(move.exitCode()).as(move.describe()).isEqualTo(1);
    JsonNode report = JSON.readTree(move.stdout());
    assertThat(report.path("reason").asText()).as(move.describe()).isEqualTo("PROCESS_EXITED");
    assertThat(report.path("error").asText()).as(move.describe()).contains("is a zombie");

    CaseEvidence dryRun = vm.evidence("zombie-dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.describe()).isEqualTo(1);
    assertThat(dryRun.stderr()).as(dryRun.describe()).contains("is a zombie");

    CaseEvidence numactl = vm.evidence("zombie-numactl");
    assertThat(numactl.exitCode()).as("numactl fails too: %s", numactl.describe()).isNotZero();
  }

  @Test
  void aKernelThreadIsNamedInTheRunAndTheDryRun() throws Exception {
    CaseEvidence move = vm.evidence("kernel-thread-move");
    assertThat(move.exitCode()).as(move.describe()).isEqualTo(1);
    assertThat(move.stderr())
        .as(move.describe())
        .isEqualTo(
            "migratepages: process 2 (kthreadd) is a kernel thread: it has no user memory to move"
                + " (migrate_pages would fail with EINVAL)\n");

    CaseEvidence dryRun = vm.evidence("kernel-thread-dry-run");
    assertThat(dryRun.exitCode()).as(dryRun.describe()).isEqualTo(1);
    assertThat(JSON.readTree(dryRun.stdout()).path("reason").asText())
        .as(dryRun.describe())
        .isEqualTo("INVALID_REQUEST");

    CaseEvidence numactl = vm.evidence("kernel-thread-numactl");
    assertThat(numactl.exitCode()).as("numactl fails too: %s", numactl.describe()).isNotZero();
  }

  @Test
  void aProcessKilledWhileItsPagesMoveIsReportedAsExited() throws Exception {
    CaseEvidence move = vm.evidence("killed-mid-move");
    String killedAt = move.extra("killed-at");
    assertThat(killedAt)
        .as("the watcher never saw pages arrive on node 1: %s", move.describe())
        .isNotNull();
    assertThat(killedAt)
        .as("killed while pages were still on node 0, i.e. during the move")
        .doesNotContain("node 0: 0,");
    assertThat(move.extra("state-after")).as("a zombie afterwards").isEqualTo("zombie");

    assertThat(move.exitCode()).as(move.describe()).isEqualTo(1);
    JsonNode report = JSON.readTree(move.stdout());
    assertThat(report.path("processExited").asBoolean()).as(move.describe()).isTrue();
    assertThat(report.path("after").size()).as(move.describe()).isZero();
    assertThat(report.path("warnings").toString())
        .as(move.describe())
        .contains("exited while its pages moved (it is a zombie now");
  }
}
