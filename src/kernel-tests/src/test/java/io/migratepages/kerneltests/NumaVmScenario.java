package io.migratepages.kerneltests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.migratepages.testsupport.LoggedRuns;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Boots one NUMA VM for a topology, runs a scenario script (src/kernel-tests/src/test/vm) in it,
 * and gives the tests the evidence it brought back. Each topology boots once per test JVM.
 */
final class NumaVmScenario {

  /**
   * Host-side limit for one VM; the guest stops the job 20 s before. Runs take 30-150 s, mostly JVM
   * starts under TCG (10-35 s each, depending on the host's load).
   */
  private static final int VM_TIMEOUT_SECONDS = 600;

  private static final Map<String, NumaVmScenario> BOOTED = new ConcurrentHashMap<>();

  private final String topology;
  private final Path out;

  private NumaVmScenario(String topology, Path out) {
    this.topology = topology;
    this.out = out;
  }

  static NumaVmScenario run(String topology, String script) {
    return run(topology, script, VM_TIMEOUT_SECONDS);
  }

  /** With a longer limit for a scenario that starts many JVMs (each 10-35 s under TCG). */
  static NumaVmScenario run(String topology, String script, int timeoutSeconds) {
    return BOOTED.computeIfAbsent(
        topology + "/" + script, key -> boot(topology, script, timeoutSeconds));
  }

  CaseEvidence evidence(String caseName) {
    return new CaseEvidence(caseName, out.resolve("cases").resolve(caseName));
  }

  /** key=value lines the scenario recorded about the guest (kernel, has_memory, ...). */
  String environment(String key) {
    for (String line : LoggedRuns.read(out.resolve("environment")).split("\n")) {
      if (line.startsWith(key + "=")) {
        return line.substring(key.length() + 1);
      }
    }
    throw new AssertionError("the VM's environment file has no " + key + ": " + out);
  }

  private static NumaVmScenario boot(String topology, String script, int timeoutSeconds) {
    Path root = projectRoot();
    Path numaVm = root.resolve("src/numa-vm/numa-vm");
    requirePrerequisites(root, numaVm);
    Path out = Path.of(System.getProperty("migratepages.vmOut", "target/numa-vm")).toAbsolutePath();
    // One directory per scenario: two scenarios on one topology must not read each other's cases.
    String name = topology + "-" + script.replaceFirst("\\.sh$", "");
    out = out.resolve(name);
    Path log = out.resolveSibling(name + ".log");
    LoggedRuns.deleteIfExists(
        out.resolve("cases.done")); // left by an earlier build, it would hide a failure
    List<String> command =
        List.of(
            numaVm.toString(),
            "run",
            "--topology",
            topology,
            "--out",
            out.toString(),
            "--timeout",
            Integer.toString(timeoutSeconds),
            "--",
            "src/kernel-tests/src/test/vm/" + script);
    long started = System.nanoTime();
    int exit = LoggedRuns.run(command, root, log, timeoutSeconds + 30);
    long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    System.out.printf(
        "numa-vm topology %s (%s): booted in %s s, whole VM run %d ms, exit %d; evidence in %s%n",
        topology,
        script,
        LoggedRuns.readOr(out.resolve("boot-seconds"), "?").trim(),
        wallMs,
        exit,
        out);
    if (exit != 0 || !Files.exists(out.resolve("cases.done"))) {
      fail(
          "the %s scenario did not complete in the %s-node VM (exit %d). Last output:%n%s%nconsole:%n%s",
          script,
          topology,
          exit,
          LoggedRuns.tail(LoggedRuns.readOr(log, ""), 40),
          LoggedRuns.tail(LoggedRuns.readOr(out.resolve("console.log"), ""), 20));
    }
    return new NumaVmScenario(topology, out);
  }

  private static void requirePrerequisites(Path root, Path numaVm) {
    Path log;
    try {
      log = Files.createTempFile("numa-vm-check", ".log");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int check = LoggedRuns.run(List.of(numaVm.toString(), "check"), root, log, 60);
    if (check != 0) {
      fail(
          "The NUMA VM for the kernel tests is not ready: %s%n"
              + "Run `src/numa-vm/numa-vm setup` (needs the Debian packages qemu-system-x86 busybox-static"
              + " cpio xz-utils zstd gcc numactl), or `.ci/run`, which does both.",
          LoggedRuns.readOr(log, "").strip());
    }
    assertThat(root.resolve("node-agent/cli/target/migratepages.jar"))
        .as(
            "the CLI jar the VM runs; `mvn -B verify` from the project root builds it before these tests")
        .isRegularFile();
    assertThat(root.resolve("bin/migratepages")).as("the CLI launcher").isExecutable();
  }

  private static Path projectRoot() {
    String configured = System.getProperty("migratepages.projectRoot");
    Path start = Path.of(configured != null ? configured : ".").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("src/numa-vm/numa-vm"))) {
        return dir;
      }
    }
    throw new AssertionError(
        "no src/numa-vm/numa-vm above " + start + ": run the tests from the project");
  }

  @Override
  public String toString() {
    return "NUMA VM " + topology + " at " + out;
  }
}
