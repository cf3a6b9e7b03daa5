package io.migratepages.cli;

import static io.migratepages.testsupport.HostFixture.anonLine;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.testing.ScriptedSyscalls;
import io.migratepages.testsupport.HostFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command in-process against fixture hosts and scripted syscalls: argument handling, exit
 * codes, output shapes. What the kernel does with the call is tested in the NUMA VM.
 */
class MigratePagesCommandTest {
  private static final int PID = 4242;
  private static final long PAGE = 4096;
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path root;
  private final ScriptedSyscalls syscalls = new ScriptedSyscalls();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private record Run(int status, String out, String err) {}

  private Run run(HostPaths host, String... args) {
    CliContext context =
        new CliContext(
            host, () -> syscalls, new PrintWriter(out, true), new PrintWriter(err, true));
    int status = MigratePagesCommand.execute(context, args);
    return new Run(status, out.toString(), err.toString());
  }

  private HostPaths twoNodes(HostFixture fixture) {
    HostPaths host = new HostPaths(fixture.write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=100"));
    return host;
  }

  private HostPaths twoNodes() {
    return twoNodes(HostFixture.twoNodes(root));
  }

  @Test
  void validNoOpsSucceedSilentlyLikeNumactl() {
    HostPaths host = twoNodes();
    Run zero = run(host, Integer.toString(PID), "0", "0");
    assertThat(zero.status()).isZero();
    assertThat(zero.out()).isEmpty();
    assertThat(zero.err()).isEmpty();
    assertThat(run(host, Integer.toString(PID), "all", "all").status()).isZero();
    assertThat(syscalls.migrateCalls()).hasSize(2);
  }

  @Test
  void movePassesTheResolvedMasksToTheKernel() {
    Run r = run(twoNodes(), Integer.toString(PID), "0", "1");
    assertThat(r.status()).isZero();
    var call = syscalls.migrateCalls().get(0);
    assertThat(call.pid()).isEqualTo(PID);
    assertThat(call.masks().from()).containsExactly(1L);
    assertThat(call.masks().to()).containsExactly(2L);
  }

  @Test
  void jsonResultHasTheAgreedFields() throws Exception {
    HostPaths host = twoNodes();
    syscalls
        .pagesNotMoved(3)
        .duringMigration(
            () -> HostFixture.numaMaps(host.root(), PID, anonLine(0x7f0000000000L, "N0=3 N1=97")));
    Run r = run(host, "--json", Integer.toString(PID), "0", "1");
    assertThat(r.status()).isZero();
    assertThat(r.out().strip()).doesNotContain("\n");
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("pid").asInt()).isEqualTo(PID);
    assertThat(json.get("from").toString()).isEqualTo("[0]");
    assertThat(json.get("to").toString()).isEqualTo("[1]");
    assertThat(json.get("dryRun").asBoolean()).isFalse();
    assertThat(json.get("pagesNotMoved").asLong()).isEqualTo(3);
    assertThat(json.get("elapsedNanos").isIntegralNumber()).isTrue();
    assertThat(json.get("before").get("0").asLong()).isEqualTo(100 * PAGE);
    assertThat(json.get("before").get("1").asLong()).as("every online node has a key").isZero();
    assertThat(json.get("after").get("0").asLong()).isEqualTo(3 * PAGE);
    assertThat(json.get("after").get("1").asLong()).isEqualTo(97 * PAGE);
    assertThat(json.get("afterAnonymous").get("1").asLong()).isEqualTo(97 * PAGE);
    assertThat(json.get("plan").toString()).isEqualTo("[{\"from\":0,\"to\":1}]");
    assertThat(json.get("warnings").isArray()).isTrue();
    assertThat(json.get("processExited").asBoolean()).isFalse();
    assertThat(r.err()).isEqualTo("migratepages: 3 pages could not be moved\n");
  }

  @Test
  void pagesNotMovedGoToStderrButStillSucceed() {
    syscalls.pagesNotMoved(12);
    Run r = run(twoNodes(), Integer.toString(PID), "0", "1");
    assertThat(r.status()).isZero();
    assertThat(r.err()).isEqualTo("migratepages: 12 pages could not be moved\n");
  }

  @Test
  void dryRunShowsPlacementAndTheKernelsOrderWithoutMoving() {
    HostPaths host = new HostPaths(HostFixture.fourNodesOneMemoryless(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N0=256 N1=512"));
    Run r = run(host, "--dry-run", Integer.toString(PID), "0-1", "1-2");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("process 4242")
        .containsPattern("\\s0\\s+1Mi\\s+1Mi")
        .containsPattern("\\s1\\s+2Mi")
        .contains("in the kernel's order: 1->2, 0->1")
        .contains("would move 3Mi");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void dryRunJsonHasAPlanAndNoAfter() throws Exception {
    HostPaths host = new HostPaths(HostFixture.fourNodesOneMemoryless(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N0=1 N1=1 N2=1"));
    Run r = run(host, "--json", "--dry-run", Integer.toString(PID), "0-2", "1");
    JsonNode json = JSON.readTree(r.out());
    assertThat(r.status()).isZero();
    assertThat(json.get("dryRun").asBoolean()).isTrue();
    assertThat(json.get("plan").toString())
        .isEqualTo("[{\"from\":2,\"to\":1},{\"from\":0,\"to\":1}]");
    assertThat(json.has("after")).isFalse();
    assertThat(json.get("bytesToMove").asLong()).isEqualTo(2 * PAGE);
    assertThat(json.get("before").get("3").asLong()).isZero();
    assertThat(json.get("warnings").get(0).asText())
        .contains("source node(s) 1 are also destinations");
    assertThat(r.err()).as("json mode keeps warnings in the object").isEmpty();
  }

  @Test
  void warningsGoToStderrInTextMode() {
    Run r =
        run(twoNodes(HostFixture.twoNodes(root).numaBalancing(1)), Integer.toString(PID), "0", "1");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("migratepages: warning: automatic NUMA balancing is on");
  }

  @Test
  void badPidIsOneLineNamingIt() {
    for (String bad : List.of("abc", "0", "12x", "99999999999", "0x10")) {
      Run r = run(twoNodes(), bad, "0", "1");
      assertThat(r.status()).as(bad).isEqualTo(1);
      assertThat(r.err()).as(bad).contains("migratepages: PID \"" + bad + "\" is not a process id");
      err.getBuffer().setLength(0);
    }
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void negativePidIsTakenAsAPidAndRefused() {
    Run r = run(twoNodes(), "-5", "0", "1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo(
            "migratepages: PID \"-5\" is not a process id (expected a positive decimal number)\n");
  }

  @Test
  void badNodeSpecsNameTheArgumentAndToken() {
    Run syntax = run(twoNodes(), Integer.toString(PID), "0-x", "1");
    assertThat(syntax.status()).isEqualTo(1);
    assertThat(syntax.err())
        .startsWith("migratepages: from-nodes: \"0-x\"")
        .doesNotContain("Usage");
    assertThat(syntax.err().strip()).doesNotContain("\n");
  }

  @Test
  void memorylessDestinationIsRefusedBeforeTheKernel() {
    HostPaths host = new HostPaths(HostFixture.fourNodesOneMemoryless(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N0=1"));
    Run r = run(host, Integer.toString(PID), "0", "3");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err())
        .isEqualTo("migratepages: to-nodes: node 3 has no memory (nodes with memory: 0-2)\n");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void destinationOutsideOurCpusetIsAnError() {
    Run r =
        run(twoNodes(HostFixture.twoNodes(root).memsAllowed("0")), Integer.toString(PID), "0", "1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).contains("outside this process's own cpuset");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void noSuchProcess() throws Exception {
    syscalls.failPidfdOpen(Errno.ESRCH);
    Run r = run(twoNodes(), "99999", "0", "1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("migratepages: no such process 99999\n");
  }

  @Test
  void errorsInJsonModeAreAlsoOneJsonObject() throws Exception {
    syscalls.failMigrate(Errno.EPERM);
    Run r =
        run(
            twoNodes(HostFixture.twoNodes(root).seccomp(2)),
            "--json",
            Integer.toString(PID),
            "0",
            "1");
    assertThat(r.status()).isEqualTo(1);
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("pid").asInt()).isEqualTo(PID);
    assertThat(json.get("reason").asText()).isEqualTo("PERMISSION_DENIED");
    assertThat(json.get("errno").asText()).isEqualTo("EPERM");
    assertThat(json.get("error").asText()).contains("seccomp").contains("CAP_SYS_NICE");
    assertThat(r.err()).startsWith("migratepages: not permitted");
  }

  @Test
  void processThatExitedDuringTheMoveFails() throws Exception {
    syscalls.failAliveCheck(Errno.ESRCH);
    Run r = run(twoNodes(), "--json", Integer.toString(PID), "0", "1");
    assertThat(r.status()).isEqualTo(1);
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.get("processExited").asBoolean()).isTrue();
    assertThat(json.get("after").size()).isZero();
  }

  @Test
  void wrongArgumentCountPrintsUsageToStderr() {
    Run missing = run(twoNodes(), Integer.toString(PID), "0");
    assertThat(missing.status()).isEqualTo(1);
    assertThat(missing.err())
        .startsWith("migratepages: Missing required parameter: 'TO-NODES'")
        .contains("Usage:");
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void tooManyArgumentsAndUnknownOptions() {
    assertThat(run(twoNodes(), Integer.toString(PID), "0", "1", "2").status()).isEqualTo(1);
    assertThat(err.toString()).contains("Unmatched argument").contains("Usage:");
    err.getBuffer().setLength(0);
    assertThat(run(twoNodes(), "--frobnicate", Integer.toString(PID), "0", "1").status())
        .isEqualTo(1);
    assertThat(err.toString()).contains("Unknown option: '--frobnicate'");
  }

  @Test
  void helpAndVersionGoToStdoutAndSucceed() {
    Run help = run(twoNodes(), "--help");
    assertThat(help.status()).isZero();
    assertThat(help.out())
        .startsWith("Usage: migratepages")
        .contains("--dry-run")
        .contains("--json");
    out.getBuffer().setLength(0);
    Run version = run(twoNodes(), "--version");
    assertThat(version.status()).isZero();
    assertThat(version.out()).startsWith("migratepages ").doesNotContain("${");
  }

  /** --version alone skips picocli's model (a faster start); what it prints must not change. */
  @Test
  void versionAloneIsExactlyWhatPicocliPrints() {
    StringWriter picocli = new StringWriter();
    new CommandLine(new MigratePagesCommand(CliContext.real()))
        .printVersionHelp(new PrintWriter(picocli, true));
    assertThat(picocli.toString()).matches("migratepages \\d+\\.\\d+\\.\\d+\\S*\\R");
    assertThat(run(twoNodes(), "--version").out()).isEqualTo(picocli.toString());
    out.getBuffer().setLength(0);
    assertThat(run(twoNodes(), "-V").out()).isEqualTo(picocli.toString());
    out.getBuffer().setLength(0);
    Run withJson = run(twoNodes(), "--json", "--version");
    assertThat(withJson.status()).isZero();
    assertThat(withJson.out()).isEqualTo(picocli.toString());
  }

  @Test
  void verboseSummarisesBeforeAndAfter() {
    HostPaths host = twoNodes();
    syscalls.duringMigration(
        () -> HostFixture.numaMaps(host.root(), PID, anonLine(0x1000, "N1=100")));
    Run r = run(host, "-v", Integer.toString(PID), "0", "1");
    assertThat(r.status()).isZero();
    assertThat(r.out())
        .contains("before and after")
        .contains("migrate_pages took")
        .contains("0->1");
  }

  @Test
  void hostWithoutNuma() {
    Run r = run(new HostPaths(root), Integer.toString(PID), "0", "0");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("migratepages: this system does not support NUMA");
  }
}
