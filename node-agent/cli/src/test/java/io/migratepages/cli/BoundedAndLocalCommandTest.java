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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * --bounded, --max-pause, --rate and the node spec local, in-process against fixture hosts and
 * scripted syscalls: option handling, output shapes and errors. The kernel's side runs in the NUMA
 * VM (src/kernel-tests).
 */
class BoundedAndLocalCommandTest {
  private static final int PID = 4242;
  private static final long PAGE = 4096;
  private static final long A = 0x7f0000000000L;
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

  private HostPaths twoNodesWith100PagesOnNode0() {
    HostPaths host = new HostPaths(HostFixture.twoNodes(root).write());
    HostFixture.numaMaps(host.root(), PID, anonLine(A, "N0=100"));
    HostFixture.maps(host.root(), PID, A, A + 100 * PAGE);
    syscalls.pages(A, 100, PAGE, 0);
    return host;
  }

  @Test
  void boundedJsonCarriesTheModeTheCallsAndTheReasons() throws Exception {
    HostPaths host = twoNodesWith100PagesOnNode0();
    syscalls.refuse(A, Errno.EBUSY).refuse(A + PAGE, Errno.EBUSY);
    Run r = run(host, "--bounded", "--json", Integer.toString(PID), "0", "1");
    assertThat(r.status()).as(r.err()).isZero();
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.path("mode").asText()).isEqualTo("bounded");
    assertThat(json.path("calls").asLong()).isEqualTo(syscalls.movingCalls().size()).isPositive();
    assertThat(json.path("longestCallNanos").isNumber()).isTrue();
    assertThat(json.path("p99CallNanos").asLong())
        .isLessThanOrEqualTo(json.path("longestCallNanos").asLong());
    assertThat(json.path("bytesMoved").asLong()).isEqualTo(98 * PAGE);
    assertThat(json.path("notMovedByReason").toString()).isEqualTo("{\"EBUSY\":2}");
    assertThat(json.path("pagesNotMoved").asLong()).isEqualTo(2);
    assertThat(r.err())
        .contains("2 pages could not be moved")
        .contains("2 EBUSY: the page was busy");
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void theWholeModeSaysSoInJson() throws Exception {
    Run r = run(twoNodesWith100PagesOnNode0(), "--json", Integer.toString(PID), "0", "1");
    JsonNode json = JSON.readTree(r.out());
    assertThat(json.path("mode").asText()).isEqualTo("whole");
    assertThat(json.path("calls").asLong()).isEqualTo(1);
    assertThat(json.path("notMovedByReason").size()).isZero();
    assertThat(syscalls.movePagesCalls()).isEmpty();
  }

  @Test
  void maxPauseAndRateImplyBounded() {
    assertThat(
            run(twoNodesWith100PagesOnNode0(), "--max-pause", "2ms", "" + PID, "0", "1").status())
        .isZero();
    assertThat(syscalls.movingCalls()).isNotEmpty();
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void badValuesNameTheOptionAndWhatIsValid() throws Exception {
    HostPaths host = twoNodesWith100PagesOnNode0();
    Run noUnit = run(host, "--max-pause", "10", "" + PID, "0", "1");
    assertThat(noUnit.status()).isEqualTo(1);
    assertThat(noUnit.err())
        .isEqualTo(
            "migratepages: --max-pause: \"10\" is not a duration (expected a number and a unit:"
                + " ns, us, ms or s, e.g. 500us, 10ms)\n");
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    Run tooLong = run(host, "--max-pause", "20s", "" + PID, "0", "1");
    assertThat(tooLong.err())
        .contains("--max-pause: 20s is out of range (valid: from 100us to 10s");
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    Run badRate = run(host, "--json", "--rate", "fast", "" + PID, "0", "1");
    assertThat(JSON.readTree(badRate.out()).path("error").asText())
        .isEqualTo(
            "--rate: \"fast\" is not a rate (expected bytes per second: a whole number, optionally"
                + " with K, M, G or T (powers of 1024), e.g. 200M)");
    assertThat(syscalls.movePagesCalls()).isEmpty();
    assertThat(syscalls.migrateCalls()).isEmpty();
  }

  @Test
  void theRateTakesBinarySuffixes() {
    assertThat(MoveModeArguments.rate("200M")).isEqualTo(200L << 20);
    assertThat(MoveModeArguments.rate("1g")).isEqualTo(1L << 30);
    assertThat(MoveModeArguments.rate("4096")).isEqualTo(4096);
    assertThat(MoveModeArguments.duration("500us").toNanos()).isEqualTo(500_000);
  }

  @Test
  void theDryRunShowsTheBatchesAndMovesNothing() {
    Run r =
        run(
            twoNodesWith100PagesOnNode0(),
            "--dry-run",
            "--max-pause",
            "5ms",
            "--rate",
            "4M",
            "" + PID,
            "0",
            "1");
    assertThat(r.status()).as(r.err()).isZero();
    assertThat(r.out())
        .contains(
            "bounded: move_pages over 1 mapping(s) with pages on the source nodes; first call 64"
                + " pages")
        .contains("about 4.0 ms (80% of --max-pause 5.0 ms), at most 102 pages per call")
        .contains("rate limit 4Mi/s: the move takes at least 0.10 s");
    assertThat(syscalls.movePagesCalls()).isEmpty();
  }

  @Test
  void localMovesToTheNodeOfTheProcessCpusAndTheDryRunSaysWhatItResolvedTo() throws Exception {
    HostPaths host = twoNodesWith100PagesOnNode0();
    HostFixture.cpusAllowed(host.root(), PID, PID, "4-5");
    Run dry = run(host, "--dry-run", "" + PID, "all", "local");
    assertThat(dry.out())
        .contains("to-nodes local = 1 (the process may run on CPUs 4-5, on node(s) 1)")
        .contains("plan 0 -> 1");
    out.getBuffer().setLength(0);
    Run move = run(host, "--json", "--bounded", "" + PID, "all", "local");
    JsonNode json = JSON.readTree(move.out());
    assertThat(json.path("local").toString())
        .isEqualTo("{\"cpus\":\"4-5\",\"cpuNodes\":[1],\"nodes\":[1]}");
    assertThat(json.path("from").toString()).isEqualTo("[0]");
    assertThat(json.path("to").toString()).isEqualTo("[1]");
    assertThat(syscalls.nodeOf(A)).contains(1);
  }

  @Test
  void localIsNoSource() {
    Run r = run(twoNodesWith100PagesOnNode0(), "" + PID, "local", "1");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.err()).startsWith("migratepages: from-nodes: \"local\" names destinations only");
  }

  @Test
  void helpDescribesTheNewOptions() {
    Run r = run(new HostPaths(root), "--help");
    assertThat(r.out())
        .contains("--bounded")
        .contains("--max-pause=DURATION")
        .contains("--rate=BYTES")
        .contains("TO-NODES may also be local");
  }
}
