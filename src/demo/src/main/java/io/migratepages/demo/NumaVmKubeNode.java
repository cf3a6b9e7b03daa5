package io.migratepages.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Kubernetes node: a 2-NUMA-node QEMU VM (src/numa-vm) running src/demo/vm/demo-node.sh,
 * which starts the real node agent and the pod's container. Host and node exchange small files in
 * the VM's writable results share ({@link #exchange()}); see demo-node.sh for the protocol.
 */
public final class NumaVmKubeNode implements AutoCloseable {
  /** How long the VM may run in all; numa-vm kills it after this. */
  static final Duration VM_LIMIT = Duration.ofSeconds(420);

  /** How long the node waits for the host at each step (pod.env, demo.done). */
  static final Duration NODE_WAIT = Duration.ofSeconds(300);

  private final ChildProcess vm;
  private final Path exchange;

  private NumaVmKubeNode(ChildProcess vm, Path exchange) {
    this.vm = vm;
    this.exchange = exchange;
  }

  /**
   * Boots the VM. The agent inside reaches the API server at {@code apiPort} on the host's loopback
   * as http://10.0.2.2:apiPort (QEMU user-mode networking).
   */
  public static NumaVmKubeNode boot(
      ProjectLayout layout, Path runDir, int apiPort, String nodeName) {
    Path exchange = runDir.resolve("vm");
    try {
      Files.createDirectories(exchange);
      for (String stale :
          List.of(
              "pod.env",
              "container.env",
              "agent.ready",
              "demo.done",
              "error",
              "numa_maps.before",
              "numa_maps.after")) {
        Files.deleteIfExists(exchange.resolve(stale));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> command =
        List.of(
            layout.numaVm().toString(),
            "run",
            "--topology",
            "2",
            "--net",
            "--out",
            exchange.toString(),
            "--timeout",
            Long.toString(VM_LIMIT.toSeconds()),
            "--",
            layout.nodeScript().toString(),
            "--api-url",
            "http://10.0.2.2:" + apiPort,
            "--agent-jar",
            layout.agentJar().toString(),
            "--node-name",
            nodeName,
            "--wait-seconds",
            Long.toString(NODE_WAIT.toSeconds()));
    ChildProcess vm =
        ChildProcess.start(
            "NUMA VM", command, layout.root(), Map.of(), runDir.resolve("numa-vm.log"));
    return new NumaVmKubeNode(vm, exchange);
  }

  public Path exchange() {
    return exchange;
  }

  public Path agentLog() {
    return exchange.resolve("agent.log");
  }

  /** Hands the node the pod to run (what the kubelet learns from the API server). */
  public void runPod(String podUid, String containerId, String containerName, long memoryMiB) {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("POD_UID", podUid);
    values.put("CONTAINER_ID", containerId);
    values.put("CONTAINER_NAME", containerName);
    values.put("MEMORY_MIB", Long.toString(memoryMiB));
    StringBuilder text = new StringBuilder();
    values.forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    publish("pod.env", text.toString());
  }

  /** Waits until the container runs with its memory touched; its pid and cgroup directory. */
  public RunningContainer awaitContainer(Duration limit) {
    Map<String, String> values = envFile(awaitFile("container.env", "the container", limit));
    return new RunningContainer(Integer.parseInt(values.get("PID")), values.get("CGROUP"));
  }

  public void awaitAgentReady(Duration limit) {
    awaitFile("agent.ready", "the node agent's readiness", limit);
  }

  /** What the node recorded about its kernel (KERNEL, NODES_WITH_MEMORY, NUMA_BALANCING). */
  public Map<String, String> facts() {
    Path file = exchange.resolve("node.env");
    return Files.isRegularFile(file) ? envFile(file) : Map.of();
  }

  public String numaMapsBefore() {
    return read(exchange.resolve("numa_maps.before"));
  }

  /** Tells the node the demo is over, waits for its last numa_maps read and for the VM to end. */
  public String finish(Duration limit) {
    publish("demo.done", "");
    Path after = awaitFile("numa_maps.after", "the node's numa_maps after the migration", limit);
    if (!vm.waitFor(limit)) {
      throw failure("the VM did not power off within " + limit.toSeconds() + " s");
    }
    if (vm.exitValue() != 0) {
      throw failure("the VM's job ended with exit code " + vm.exitValue());
    }
    return read(after);
  }

  /** Throws, with the node's logs, if the node reported an error or the VM has ended. */
  public void checkAlive() {
    checkAlive("the end of the demo");
  }

  private void checkAlive(String what) {
    if (Files.isRegularFile(exchange.resolve("error"))) {
      throw failure("the node failed: " + read(exchange.resolve("error")).strip());
    }
    if (!vm.isAlive()) {
      throw failure("the VM ended (numa-vm exit " + vm.exitValue() + ") before " + what);
    }
  }

  private Path awaitFile(String name, String what, Duration limit) {
    Path file = exchange.resolve(name);
    long deadline = System.nanoTime() + limit.toNanos();
    while (!Files.isRegularFile(file)) {
      checkAlive(what);
      if (System.nanoTime() > deadline) {
        throw failure("waited " + limit.toSeconds() + " s for " + what + " (" + file + ")");
      }
      Waits.sleep(Duration.ofMillis(200));
    }
    return file;
  }

  private DemoException failure(String message) {
    return new DemoException(
        message
            + "\n--- agent log ("
            + agentLog()
            + "), last lines:\n"
            + ChildProcess.tail(agentLog(), 25)
            + "\n--- node script ("
            + exchange.resolve("stdout.log")
            + "):\n"
            + ChildProcess.tail(exchange.resolve("stdout.log"), 15)
            + "\n--- numa-vm ("
            + vm.log()
            + "):\n"
            + vm.logTail(15)
            + "\n--- VM console ("
            + exchange.resolve("console.log")
            + "):\n"
            + ChildProcess.tail(exchange.resolve("console.log"), 10));
  }

  private void publish(String name, String content) {
    Path target = exchange.resolve(name);
    Path temporary = exchange.resolve(name + ".tmp");
    try {
      Files.writeString(temporary, content, StandardCharsets.UTF_8);
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }

  private static Map<String, String> envFile(Path file) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String line : read(file).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    return values;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  @Override
  public void close() {
    if (vm.isAlive()) {
      publish("demo.done", "");
      if (!vm.waitFor(Duration.ofSeconds(20))) {
        vm.close();
      }
    }
  }

  /** The pod's container as it runs on the node. */
  public record RunningContainer(int pid, String cgroup) {}
}
