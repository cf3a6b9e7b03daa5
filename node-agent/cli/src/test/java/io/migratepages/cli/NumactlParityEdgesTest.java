package io.migratepages.cli;

import static io.migratepages.testsupport.HostFixture.anonLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.testing.ScriptedSyscalls;
import io.migratepages.testsupport.HostFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Issue 13's edges, found by running the CLI next to numactl: memoryless nodes in FROM, zombies and
 * kernel threads, usage errors under --json, help where an argument belongs, control characters.
 */
class NumactlParityEdgesTest {
  private static final int PID = 4242;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private final ScriptedSyscalls syscalls = new ScriptedSyscalls();

  private record Run(int status, String out, String err) {
    /** The whole of stdout, which must be exactly one JSON object on one line. */
    JsonNode json() throws Exception {
      assertThat(out).endsWith("\n");
      assertThat(out.strip()).doesNotContain("\n").startsWith("{").endsWith("}");
      return JSON.readTree(out);
    }
  }

  private Run run(HostPaths host, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext context =
        new CliContext(
            host, () -> syscalls, new PrintWriter(out, true), new PrintWriter(err, true));
    int status = MigratePagesCommand.execute(context, args);
    return new Run(status, out.toString(), err.toString());
  }

  private HostPaths twoNodes(String state, boolean hasMm) {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    HostFixture.numaMaps(host.root(), PID, hasMm ? anonLine(0x1000, "N0=100") : "");
    HostFixture.processStatus(
        host.root(), PID, hasMm || state.equals("Z") ? "memhog" : "kworker/0:1", state, hasMm);
    return host;
  }

  /** 4 nodes, node 1 with a CPU and no memory, a process with pages on 0, 2 and 3. */
  private HostPaths node1Memoryless() {
    HostPaths host = new HostPaths(HostFixture.fourNodesCpuOnlyNode1(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N0=10 N2=20 N3=30"));
    return host;
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--json 1 0 0 extra         | Unmatched argument",
        "--json 1 0                 | Missing required parameter: 'TO-NODES'",
        "--json --frobnicate 1 0 0  | Unknown option: '--frobnicate'",
        "--json --dry-run=yes 1 0 0 | --dry-run",
        "--json 1 -h 0              | \"-h\" given where FROM-NODES is expected",
        "1 0 0 --json --help        | \"--help\" given after PID FROM-NODES TO-NODES"
      })
  void usageErrorsUnderJsonAreOneJsonObjectAndExit1(String args, String fragment) throws Exception {
    Run r = run(twoNodes("S", true), args.trim().split(" +"));

    assertThat(r.status()).isEqualTo(1);
    JsonNode json = r.json();
    assertThat(json.get("error").asText()).contains(fragment);
    assertThat(json.get("reason").asText()).isEqualTo("USAGE");
    assertThat(r.err()).startsWith("migratepages: ").contains("Usage:");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void helpWhereANodeSpecBelongsIsAUsageErrorLikeNumactl() {
    Run r = run(twoNodes("S", true), Integer.toString(PID), "-h", "0");

    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .startsWith(
            "migratepages: \"-h\" given where FROM-NODES is expected (to see the usage, run"
                + " migratepages -h alone)\n")
        .contains("Usage:");
    assertThat(run(twoNodes("S", true), "-h").status()).isZero();
    assertThat(run(twoNodes("S", true), "--json", "--help").status()).isZero();
  }

  @Test
  void controlCharactersInArgumentsAreEscapedOnStderr() throws Exception {
    Run spec = run(twoNodes("S", true), Integer.toString(PID), "0\r", "1");
    assertThat(spec.status()).isEqualTo(1);
    assertThat(spec.err())
        .isEqualTo(
            "migratepages: from-nodes: \"0\\r\": whitespace is not allowed (at position 1)"
                + " (valid: all, N, N,M, N-M, !spec, +N)\n");

    Run pid = run(twoNodes("S", true), "--json", "1\u000b\u001b[2J", "0", "1");
    assertThat(pid.err())
        .doesNotContain("\u000b")
        .doesNotContain("\u001b")
        .contains("1\\x0b\\x1b[2J");
    assertThat(pid.json().get("error").asText()).contains("1\u000b\u001b[2J");

    Run extra = run(twoNodes("S", true), Integer.toString(PID), "0", "1", "\u001b[31mred");
    assertThat(extra.err()).doesNotContain("\u001b").contains("\\x1b[31mred");
  }

  @Test
  void memorylessSourceNodeIsLeftOutOfThePlanLikeNumactl() throws Exception {
    Run dry = run(node1Memoryless(), "--dry-run", "--json", Integer.toString(PID), "0-3", "0,2");

    assertThat(dry.status()).isZero();
    JsonNode json = dry.json();
    assertThat(json.get("from").toString()).isEqualTo("[0,2,3]");
    assertThat(json.get("plan").toString()).isEqualTo("[{\"from\":3,\"to\":0}]");
    assertThat(json.get("warnings").toString()).contains("source node(s) 1 have no memory");

    Run text = run(node1Memoryless(), "--dry-run", Integer.toString(PID), "0-3", "0,2");
    assertThat(text.out()).contains("plan 0,2-3 -> 0,2, in the kernel's order: 3->0");
    assertThat(text.err()).contains("warning: source node(s) 1 have no memory");

    Run move = run(node1Memoryless(), Integer.toString(PID), "0-3", "0,2");
    assertThat(move.status()).isZero();
    assertThat(syscalls.migrateCalls().get(0).masks().from()).containsExactly(0b1101L);
  }

  @Test
  void aZombieFailsInTheRunAndTheDryRunSayingWhatItIs() throws Exception {
    Run move = run(twoNodes("Z", false), "--json", Integer.toString(PID), "0", "1");
    assertThat(move.status()).isEqualTo(1);
    assertThat(move.json().get("reason").asText()).isEqualTo("PROCESS_EXITED");
    assertThat(move.err())
        .startsWith("migratepages: process 4242 (memhog) has exited: it is a zombie");

    Run dry = run(twoNodes("Z", false), "--dry-run", Integer.toString(PID), "0", "1");
    assertThat(dry.status()).isEqualTo(1);
    assertThat(dry.err()).contains("is a zombie").doesNotContain("kernel thread");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void aKernelThreadFailsInTheRunAndTheDryRunSayingWhatItIs() {
    Run move = run(twoNodes("I", false), Integer.toString(PID), "0", "1");
    assertThat(move.status()).isEqualTo(1);
    assertThat(move.err())
        .isEqualTo(
            "migratepages: process 4242 (kworker/0:1) is a kernel thread: it has no user memory"
                + " to move (migrate_pages would fail with EINVAL)\n");

    Run dry = run(twoNodes("I", false), "--dry-run", Integer.toString(PID), "0", "1");
    assertThat(dry.status()).isEqualTo(1);
    assertThat(dry.err()).contains("is a kernel thread");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void aProcessThatBecomesAZombieDuringTheMoveIsReportedAsExited() throws Exception {
    HostPaths host = twoNodes("S", true);
    syscalls.duringMigration(
        () -> {
          HostFixture.numaMaps(host.root(), PID);
          HostFixture.processStatus(host.root(), PID, "memhog", "Z", false);
        });

    Run r = run(host, "--json", Integer.toString(PID), "0", "1");

    assertThat(r.status()).isEqualTo(1);
    JsonNode json = r.json();
    assertThat(json.get("processExited").asBoolean()).isTrue();
    assertThat(json.get("warnings").toString()).contains("zombie");
  }
}
