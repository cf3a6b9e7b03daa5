package io.migratepages.kubenode;

import io.migratepages.kubetest.KubeLocal;
import io.migratepages.testsupport.LoggedRuns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One run of src/kube-node/run-node: a real Kubernetes node in the NUMA VM registered with a {@link
 * KubeLocal} control plane, running one command once the node is Ready. A guest that stops (no
 * heartbeat on its console for {@link #WATCHDOG_SECONDS}) is stopped by numa-vm's watchdog, which
 * leaves its evidence in OUT/stall; {@link #failureReport()} shows it.
 */
final class RealNodeRun {

  static final String NODE_NAME = "numa-vm-node";

  /**
   * Seconds without a heartbeat (one every 15 s) before the VM counts as stalled: a loaded host
   * delays the heartbeat loop, never by minutes while the guest runs.
   */
  static final int WATCHDOG_SECONDS = 180;

  private final Path out;
  private final Path log;
  private final int exitCode;
  private final long seconds;

  private RealNodeRun(Path out, Path log, int exitCode, long seconds) {
    this.out = out;
    this.log = log;
    this.exitCode = exitCode;
    this.seconds = seconds;
  }

  /** OPTIONS: more run-node options (--image, --node-mib); COMMAND: what runs in the VM. */
  static RealNodeRun run(
      Path root,
      KubeLocal kube,
      Path out,
      Path log,
      int vmTimeoutSeconds,
      List<String> options,
      List<String> command) {
    List<String> full = new ArrayList<>();
    full.addAll(
        List.of(
            "src/kube-node/run-node",
            "--kube",
            kube.dir().toString(),
            "--out",
            out.toString(),
            "--name",
            NODE_NAME,
            "--timeout",
            Integer.toString(vmTimeoutSeconds),
            "--watchdog",
            Integer.toString(WATCHDOG_SECONDS)));
    full.addAll(options);
    full.add("--");
    full.addAll(command);
    long started = System.nanoTime();
    int exit = LoggedRuns.run(full, root, log, vmTimeoutSeconds + 60);
    RealNodeRun run =
        new RealNodeRun(
            out, log, exit, TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    System.out.printf(
        "real node in the NUMA VM: exit %d after %d s (VM booted in %s s); evidence in %s%n",
        exit, run.seconds, LoggedRuns.readOr(out.resolve("boot-seconds"), "?").strip(), out);
    return run;
  }

  int exitCode() {
    return exitCode;
  }

  long seconds() {
    return seconds;
  }

  boolean stalled() {
    return Files.exists(out.resolve("stall/reason"));
  }

  /**
   * What a failed run left: its output, and the watchdog's evidence or the kubelet's last lines.
   */
  String failureReport() {
    StringBuilder report = new StringBuilder();
    report.append(String.format("exit code %d after %d s%n", exitCode, seconds));
    if (stalled()) {
      report.append(
          String.format(
              "the guest stalled: %s%nits CPUs (stall/rips):%n%s%n",
              LoggedRuns.read(out.resolve("stall/reason")).strip(),
              LoggedRuns.readOr(out.resolve("stall/rips"), "(none recorded)").strip()));
    }
    report.append(
        String.format(
            "last output:%n%s%nconsole:%n%s%nkubelet:%n%s",
            LoggedRuns.tail(LoggedRuns.readOr(log, ""), 30),
            LoggedRuns.tail(LoggedRuns.readOr(out.resolve("console.log"), ""), 25),
            LoggedRuns.tail(LoggedRuns.readOr(out.resolve("node/kubelet.log"), ""), 10)));
    return report.toString();
  }

  /** KEY=VALUE lines (the evidence files' format); the first value of a key wins. */
  static Map<String, String> keyValues(String text) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : text.split("\n")) {
      int equals = line.indexOf('=');
      if (equals > 0) {
        values.putIfAbsent(line.substring(0, equals), line.substring(equals + 1));
      }
    }
    return values;
  }

  static Path projectRoot() {
    Path start =
        Path.of(System.getProperty("migratepages.projectRoot", ".")).toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("src/kube-node/run-node"))) {
        return dir;
      }
    }
    throw new AssertionError("no src/kube-node/run-node above " + start);
  }

  static void requireNumaVm(Path root, Path build) {
    Path checkLog = build.resolve("check.log");
    if (LoggedRuns.run(List.of("src/numa-vm/numa-vm", "check"), root, checkLog, 120) != 0) {
      throw new AssertionError(
          "the NUMA VM is not ready: "
              + LoggedRuns.readOr(checkLog, "").strip()
              + "\nRun .ci/run, or src/numa-vm/numa-vm setup.");
    }
  }
}
