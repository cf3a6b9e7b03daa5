package io.migratepages.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.e2e.Migrations;
import io.migratepages.e2e.MockApiServer;
import io.migratepages.e2e.OperatorUnderTest;
import io.migratepages.e2e.ReconcilerStats;
import io.migratepages.e2e.SimulatedKubeNode;
import io.migratepages.e2e.TestLogging;
import io.migratepages.operator.OperatorConfig;
import io.migratepages.testsupport.CgroupTree;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Level;
import java.util.stream.Stream;

/**
 * Control-plane benchmark: the operator and the node agents in this JVM against the CRUD mock API
 * server, agents backed by fixture cgroup trees and recording page migrators (no syscalls), so what
 * is measured is the control plane: watches, reconciliations, API writes, status aggregation.
 *
 * <ol>
 *   <li>latency: NumaMigration created -> status Succeeded as a watching client sees it, one
 *       single-pod migration at a time;
 *   <li>scale: a burst of NumaMigrations (one pod each) over many simulated nodes (one agent, a
 *       JOSDK operator of its own, per node), time until all Succeeded, and the heap the operator
 *       keeps.
 * </ol>
 *
 * <p>Run: {@code mvn -B -pl src/e2e -am -Pbenchmark -DskipTests verify} (arguments through {@code
 * -Dbenchmark.args="runs=100 warmup=20 migrations=1000 nodes=100"}). It prints its numbers; it
 * asserts only that every migration succeeded.
 */
public final class ControlPlaneBenchmark {
  private static final String FROM = "0";
  private static final String TO = "1";

  private final Map<String, String> options;
  private ReconcilerStats agentStats = new ReconcilerStats();

  private ControlPlaneBenchmark(Map<String, String> options) {
    this.options = options;
  }

  public static void main(String[] args) throws Exception {
    TestLogging.configure(Level.WARNING);
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      String[] kv = arg.split("=", 2);
      if (kv.length != 2 || !KNOWN.contains(kv[0])) {
        throw new IllegalArgumentException(
            "argument '" + arg + "': expected key=value with key one of " + KNOWN);
      }
      options.put(kv[0], kv[1]);
    }
    ControlPlaneBenchmark benchmark = new ControlPlaneBenchmark(options);
    int exit = 0;
    try {
      benchmark.printMachine();
      String part = options.getOrDefault("part", "all");
      if (part.equals("all") || part.equals("latency")) {
        benchmark.latency();
      }
      if (part.equals("all") || part.equals("scale")) {
        benchmark.scale();
      }
    } catch (Exception | Error e) {
      e.printStackTrace();
      exit = 1;
    }
    // the agents' and operator's executor threads would otherwise keep a failed run alive
    System.exit(exit);
  }

  private static final List<String> KNOWN =
      List.of(
          "part",
          "runs",
          "warmup",
          "latency-nodes",
          "migrations",
          "nodes",
          "creators",
          "agent-threads",
          "operator-threads");

  private int option(String key, int fallback) {
    return Integer.parseInt(options.getOrDefault(key, Integer.toString(fallback)));
  }

  private void printMachine() throws IOException {
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores (availableProcessors), %s, JVM %s %s, max heap %s, GC %s, load average"
            + " at start %s%n",
        rt.availableProcessors(),
        System.getProperty("os.name") + " " + System.getProperty("os.arch"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        HeapProbe.mib(rt.maxMemory()),
        ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName()).toList(),
        Files.exists(Path.of("/proc/loadavg"))
            ? Files.readString(Path.of("/proc/loadavg")).trim()
            : "n/a");
  }

  /** (a) created -> Succeeded, one migration at a time. */
  private void latency() throws Exception {
    int runs = option("runs", 100);
    int warmup = option("warmup", 20);
    int nodeCount = option("latency-nodes", 4);
    String ns = "bench-latency";
    Path hosts = Files.createTempDirectory("migratepages-bench-");
    try (MockApiServer api = MockApiServer.start()) {
      KubernetesClient kubectl = api.admin();
      List<SimulatedKubeNode> nodes = startNodes(api, hosts, nodeCount);
      OperatorUnderTest operator = startOperator(api);
      for (int i = 0; i < warmup + runs; i++) {
        nodes.get(i % nodeCount).pod(ns, "lat-" + i).container("app", 64L << 20).run(kubectl);
      }
      long[] latencies = new long[runs];
      try (SucceededWatch watch = new SucceededWatch(api.newClient(), ns)) {
        for (int i = 0; i < warmup + runs; i++) {
          String name = "lat-" + i;
          long start = System.nanoTime();
          kubectl.resource(Migrations.byPodName(ns, name, name, FROM, TO)).create();
          long end = watch.awaitSucceeded(name, 30_000);
          if (i >= warmup) {
            latencies[i - warmup] = end - start;
          }
        }
      }
      Percentiles p = new Percentiles(latencies);
      System.out.printf(
          Locale.ROOT,
          "latency: NumaMigration created -> Succeeded (single pod, %d nodes, one at a time, %d"
              + " warm-up runs not counted): %s%n",
          nodeCount,
          warmup,
          p.summary());
      System.out.printf(
          Locale.ROOT,
          "latency targets: p50 <= 300 ms %s, p99 <= 1 s %s%n",
          p.percentile(50) <= 300_000_000L ? "MET" : "MISSED",
          p.percentile(99) <= 1_000_000_000L ? "MET" : "MISSED");
      operator.stop();
      nodes.forEach(SimulatedKubeNode::close);
    } finally {
      deleteTree(hosts);
    }
  }

  /** (b) a burst of migrations over many nodes; time to all Succeeded; heap. */
  private void scale() throws Exception {
    int migrations = option("migrations", 1000);
    int nodeCount = option("nodes", 100);
    int creators = option("creators", 4);
    String ns = "bench-scale";
    Path hosts = Files.createTempDirectory("migratepages-bench-");
    try (MockApiServer api = MockApiServer.start()) {
      KubernetesClient kubectl = api.admin();
      List<SimulatedKubeNode> nodes = startNodes(api, hosts, nodeCount);
      for (int i = 0; i < migrations; i++) {
        nodes.get(i % nodeCount).pod(ns, "pod-" + i).container("app", 64L << 20).run(kubectl);
      }
      long heapBeforeOperator = HeapProbe.usedAfterGc();
      OperatorUnderTest operator = startOperator(api);
      api.drainRequests();
      long cpuBefore = processCpuNanos();
      Map<String, Long> createdAt = new ConcurrentHashMap<>();
      long[] endToEnd = new long[migrations];
      long start;
      long allCreated;
      long allSucceeded;
      try (SucceededWatch watch = new SucceededWatch(api.newClient(), ns)) {
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        start = System.nanoTime();
        List<Future<?>> creates = new ArrayList<>();
        for (int i = 0; i < migrations; i++) {
          String name = "mig-" + i;
          String pod = "pod-" + i;
          creates.add(
              pool.submit(
                  () -> {
                    createdAt.put(name, System.nanoTime());
                    kubectl.resource(Migrations.byPodName(ns, name, pod, FROM, TO)).create();
                  }));
        }
        for (Future<?> f : creates) {
          f.get();
        }
        allCreated = System.nanoTime();
        pool.shutdown();
        long last = 0;
        for (int i = 0; i < migrations; i++) {
          String name = "mig-" + i;
          long end = watch.awaitSucceeded(name, 600_000);
          endToEnd[i] = end - createdAt.get(name);
          last = Math.max(last, end);
        }
        allSucceeded = last;
        if (watch.succeeded() != migrations || !watch.failures().isEmpty()) {
          throw new IllegalStateException(
              watch.succeeded() + " of " + migrations + " succeeded; others: " + watch.failures());
        }
      }
      long cpu = processCpuNanos() - cpuBefore;
      Map<String, Integer> requests = api.drainRequests();
      long recorded = nodes.stream().mapToLong(n -> n.migrator().callCount()).sum();
      System.out.printf(
          Locale.ROOT,
          "scale: %d NumaMigrations (1 pod each) over %d nodes (one agent each), created by %d"
              + " threads in %s; all Succeeded %s after the first create (%.0f migrations/s);"
              + " %d processes migrated by the recording migrators%n",
          migrations,
          nodeCount,
          creators,
          Percentiles.ms(allCreated - start),
          Percentiles.ms(allSucceeded - start),
          migrations / ((allSucceeded - start) / 1e9),
          recorded);
      System.out.printf(
          Locale.ROOT,
          "scale: per migration created -> Succeeded under this load: %s%n",
          new Percentiles(endToEnd).summary());

      ReconcilerStats ops = operator.reconcilerStats();
      System.out.printf(
          Locale.ROOT,
          "scale: CPU of the whole JVM from first create to last Succeeded %.1f s (%.0f%% of 2"
              + " cores over %.1f s); inside reconcile(): operator %d calls, %.1f s CPU, %.1f ms"
              + " wall per call; agents %d calls, %.1f s CPU, %.1f ms wall per call; the rest is"
              + " the mock API server, the clients' HTTP and JSON, informers, GC%n",
          cpu / 1e9,
          100.0 * cpu / (allSucceeded - start) / Runtime.getRuntime().availableProcessors(),
          (allSucceeded - start) / 1e9,
          ops.executions(),
          ops.cpuNanos() / 1e9,
          ops.wallNanos() / 1e6 / Math.max(1, ops.executions()),
          agentStats.executions(),
          agentStats.cpuNanos() / 1e9,
          agentStats.wallNanos() / 1e6 / Math.max(1, agentStats.executions()));

      int total = requests.values().stream().mapToInt(Integer::intValue).sum();
      System.out.printf(
          Locale.ROOT,
          "scale: API requests during the burst %d (%.1f per migration, %d of them the"
              + " benchmark's own creates): %s%n",
          total,
          total / (double) migrations,
          migrations,
          requests);

      long heapAll = HeapProbe.usedAfterGc();
      nodes.forEach(SimulatedKubeNode::stopAgent);
      long heapWithoutAgents = HeapProbe.usedAfterGc();
      operator.stop();
      long heapWithoutOperator = HeapProbe.usedAfterGc();
      System.out.printf(
          Locale.ROOT,
          "heap (used after System.gc(), MemoryMXBean): whole JVM %s; operator %s (drop when the"
              + " operator stopped: its informer caches of %d NumaMigrations and their"
              + " NodeMigrations, JOSDK state); %d agents %s; before the operator started %s;"
              + " left after everything stopped %s (mock API server's store of %d pods, %d"
              + " NumaMigrations, their NodeMigrations and Events, clients)%n",
          HeapProbe.mib(heapAll),
          HeapProbe.mib(heapWithoutAgents - heapWithoutOperator),
          migrations,
          nodeCount,
          HeapProbe.mib(heapAll - heapWithoutAgents),
          HeapProbe.mib(heapBeforeOperator),
          HeapProbe.mib(heapWithoutOperator),
          migrations,
          migrations);
    } finally {
      deleteTree(hosts);
    }
  }

  private List<SimulatedKubeNode> startNodes(MockApiServer api, Path hosts, int count) {
    agentStats = new ReconcilerStats();
    int threads = option("agent-threads", 0);
    List<SimulatedKubeNode> nodes = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      SimulatedKubeNode node =
          new SimulatedKubeNode(
              String.format(Locale.ROOT, "node-%03d", i),
              hosts,
              i % 2 == 0 ? CgroupTree.Driver.SYSTEMD : CgroupTree.Driver.CGROUPFS);
      node.startAgent(
          api.newClient(),
          o -> {
            o.withMetrics(agentStats);
            if (threads > 0) {
              o.withConcurrentReconciliationThreads(threads);
            }
          });
      nodes.add(node);
    }
    return nodes;
  }

  private OperatorUnderTest startOperator(MockApiServer api) {
    int threads = option("operator-threads", 0);
    return new OperatorUnderTest(
            api.newClient(),
            OperatorConfig.DEFAULT_AGENT_TIMEOUT,
            o -> {
              if (threads > 0) {
                o.withConcurrentReconciliationThreads(threads);
              }
            },
            c -> {})
        .start();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
