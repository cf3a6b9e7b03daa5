package io.migratepages.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migratepages.engine.host.HostPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The command against this machine's real kernel and /proc, limited to what a single node allows:
 * node 0 -> node 0 no-ops, dry runs and errors. Moves between nodes are tested in the NUMA VM.
 */
class RealHostTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private Process child;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startAChild() throws Exception {
    assumeTrue(Files.exists(Path.of("/sys/devices/system/node/node0")), "needs NUMA sysfs");
    child = new ProcessBuilder("sleep", "60").start();
  }

  @AfterEach
  void stopIt() {
    if (child != null) {
      child.destroy();
    }
  }

  private int run(String... args) {
    CliContext real =
        new CliContext(
            HostPaths.REAL,
            CliContext.real().syscalls(),
            new PrintWriter(out, true),
            new PrintWriter(err, true));
    return MigratePagesCommand.execute(real, args);
  }

  @Test
  void noOpOnAChildSucceedsSilently() {
    assertThat(run(Long.toString(child.pid()), "0", "0")).isZero();
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void jsonMigrationOfNodeZeroToItself() throws Exception {
    assertThat(run("--json", Long.toString(child.pid()), "0", "0")).as(err.toString()).isZero();
    JsonNode json = JSON.readTree(out.toString());
    assertThat(json.get("pagesNotMoved").asLong()).isZero();
    assertThat(json.get("elapsedNanos").asLong()).isPositive();
    assertThat(json.get("before").get("0").asLong()).as("sleep has resident pages").isPositive();
    assertThat(json.get("after").get("0").asLong()).isPositive();
  }

  @Test
  void dryRunReadsTheRealNumaMaps() throws Exception {
    assertThat(run("--json", "--dry-run", Long.toString(child.pid()), "all", "0")).isZero();
    JsonNode json = JSON.readTree(out.toString());
    assertThat(json.get("dryRun").asBoolean()).isTrue();
    assertThat(json.get("before").get("0").asLong()).isPositive();
  }

  @Test
  void threadIdOfThisJvmMigratesTheJvm() throws Exception {
    long self = ProcessHandle.current().pid();
    String tid;
    try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
      tid =
          tasks
              .map(p -> p.getFileName().toString())
              .filter(t -> !t.equals(Long.toString(self)))
              .findFirst()
              .orElseThrow();
    }
    assertThat(run(tid, "0", "0")).as(err.toString()).isZero();
    assertThat(err.toString()).contains(tid + " is a thread of process " + self);
  }

  @Test
  void impossiblePidIsNoSuchProcess() {
    assertThat(run("2147483647", "0", "0")).isEqualTo(1);
    assertThat(err.toString()).startsWith("migratepages: no such process 2147483647");
  }
}
