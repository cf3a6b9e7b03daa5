package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.e2e.bench.ApiServerRequestTotals;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Size: a selector matching 2,000 pods on 50 Kubernetes nodes, each node with its own agent (50
 * JOSDK operators in this JVM), ends Succeeded with every process migrated exactly once. The
 * objects as the API server stores them (their JSON from a GET, managedFields included) stay far
 * below its limits: etcd refuses a request above 1.5 MiB (its --max-request-bytes default), and
 * kube-apiserver a body above 3 MiB. The NumaMigration lists at most {@link
 * NumaMigrationStatus#MAX_PODS} pods and counts the rest; a NodeMigration carries its node's pods
 * only. The sizes and times are printed (docs/benchmarks.md, "Object sizes on the real API
 * server").
 */
class ObjectSizeE2ETest extends EndToEndTest {
  private static final Logger LOG = Logger.getLogger(ObjectSizeE2ETest.class.getName());
  private static final int KUBE_NODES = 50;
  private static final int PODS_PER_NODE = 40;
  private static final int PODS = KUBE_NODES * PODS_PER_NODE;
  private static final long BYTES_PER_POD = 8 * MI;
  private static final Map<String, String> BULK = Map.of("app", "bulk");

  /** A third of etcd's request limit: far enough below it to leave room for longer names. */
  private static final long SIZE_LIMIT = 512 * 1024;

  /**
   * 50 agents share this JVM and two cores with the control plane (in a cluster each has its own
   * node), so the last of them may need more than the default 60 s to pick their work up; the agent
   * timeout is not what this test measures.
   */
  private static final Duration AGENT_TIMEOUT = Duration.ofMinutes(10);

  /** Minutes on the 2-core build machine, more when other builds share it. */
  private static final Duration RUN_LIMIT = Duration.ofMinutes(12);

  /**
   * fabric8's 10 s request and connection timeouts are for a cluster whose API server has cores of
   * its own. Here 50 agents, the operator and the control plane share two cores, and when other
   * builds load the machine (load average 43, a test VM running) status writes and the set-up of
   * new connections took longer than that: agents spent their retries and pods ended Failed with
   * AgentError, while kube-apiserver itself used less than half a core (a 25 s CPU profile of it
   * then: 60 % in status writes). The timeouts are not what this test measures.
   */
  private static final Duration CLIENT_TIMEOUT = Duration.ofSeconds(60);

  @Override
  void configureClient(Config config) {
    config.setRequestTimeout((int) CLIENT_TIMEOUT.toMillis());
    config.setConnectionTimeout((int) CLIENT_TIMEOUT.toMillis());
  }

  @Test
  void twoThousandPodsOnFiftyNodesSucceedWithObjectsFarBelowTheLimits() throws Exception {
    String ns = namespace("bulk");
    long started = System.nanoTime();
    List<SimulatedKubeNode> kubeNodes = new ArrayList<>();
    for (int i = 0; i < KUBE_NODES; i++) {
      kubeNodes.add(node(String.format("bulk-%02d", i)));
    }
    try {
      migrateAndMeasure(ns, kubeNodes, started);
    } finally {
      deleteNodes(kubeNodes);
    }
  }

  private void migrateAndMeasure(String ns, List<SimulatedKubeNode> kubeNodes, long started)
      throws Exception {
    List<List<SimulatedPod>> podsByNode = runPods(ns, kubeNodes);
    long podsReady = System.nanoTime();
    startAgents(kubeNodes);
    startOperator(AGENT_TIMEOUT);
    long agentsReady = System.nanoTime();

    ApiServerRequestTotals before = requestTotals();
    create(Migrations.bySelector(ns, "move-bulk", BULK, "0", "1"));
    // read every second, not every 50 ms: each read of this status is about 100 KB
    NumaMigrationStatus done =
        awaitStatus(
            ns,
            "move-bulk",
            "phase Succeeded",
            s -> s.getPhase() == MigrationPhase.Succeeded,
            RUN_LIMIT,
            Duration.ofSeconds(1));
    long finished = System.nanoTime();
    ApiServerRequestTotals requests = requestTotals().since(before);

    assertThat(done.getSummary().getPodsTargeted()).isEqualTo(PODS);
    assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(PODS);
    assertThat(done.getSummary().getPodsFailed()).isZero();
    assertThat(done.getSummary().getBytesMoved()).isEqualTo(PODS * BYTES_PER_POD);
    assertThat(done.getProgress()).isEqualTo(PODS + "/" + PODS);
    assertThat(done.getPods())
        .hasSize(NumaMigrationStatus.MAX_PODS)
        .extracting(PodMigrationStatus::getPhase)
        .containsOnly(MigrationPhase.Succeeded);
    assertThat(done.getPodsOmitted()).isEqualTo(PODS - NumaMigrationStatus.MAX_PODS);

    List<NodeMigration> work = nodeMigrations(ns, "move-bulk");
    assertThat(work)
        .hasSize(KUBE_NODES)
        .allSatisfy(
            n -> {
              assertThat(n.getSpec().getPods()).hasSize(PODS_PER_NODE);
              assertThat(n.getStatus().getPhase()).isEqualTo(MigrationPhase.Succeeded);
              assertThat(n.getStatus().getPods()).hasSize(PODS_PER_NODE);
              assertThat(n.getMetadata().getGeneration()).isEqualTo(1L);
            });
    for (int i = 0; i < KUBE_NODES; i++) {
      assertEachProcessMigratedOnce(
          kubeNodes.get(i), podsByNode.get(i).toArray(SimulatedPod[]::new));
    }

    long numaMigrationBytes = storedBytes(NumaMigration.class, ns, "move-bulk");
    long largestNodeMigrationBytes = 0;
    String largest = null;
    for (NodeMigration n : work) {
      long bytes = storedBytes(NodeMigration.class, ns, n.getMetadata().getName());
      if (bytes > largestNodeMigrationBytes) {
        largestNodeMigrationBytes = bytes;
        largest = n.getMetadata().getName();
      }
    }
    String report =
        String.format(
            "object sizes for %d pods on %d Kubernetes nodes: NumaMigration %d bytes (%d pods"
                + " listed, %d omitted), largest NodeMigration %s %d bytes (%d pods); times: pods"
                + " created in %d ms, %d agents and the operator started in %d ms, migration"
                + " created to Succeeded in %d ms (%d reconciliations of the NumaMigration);"
                + " API requests meanwhile %d: %s; load average %.1f",
            PODS,
            KUBE_NODES,
            numaMigrationBytes,
            done.getPods().size(),
            done.getPodsOmitted(),
            largest,
            largestNodeMigrationBytes,
            PODS_PER_NODE,
            millis(podsReady - started),
            KUBE_NODES,
            millis(agentsReady - podsReady),
            millis(finished - agentsReady),
            operator.reconciliationsOf(ns, "move-bulk"),
            requests.total(),
            requests.byKind(),
            java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
    LOG.info(report);
    System.out.println(report);
    assertThat(numaMigrationBytes).isLessThan(SIZE_LIMIT);
    assertThat(largestNodeMigrationBytes).isLessThan(SIZE_LIMIT);
  }

  /**
   * No later test uses these 50 Nodes; without their stand-in they would go NotReady. A failure
   * here must not hide the test's own.
   */
  private void deleteNodes(List<SimulatedKubeNode> kubeNodes) {
    for (SimulatedKubeNode n : kubeNodes) {
      try {
        kubectl.nodes().withName(n.name()).delete();
      } catch (KubernetesClientException e) {
        LOG.warning("could not delete Node " + n.name() + ": " + e.getMessage());
      }
    }
  }

  /** Starts the 50 agents 8 at a time: each start waits for its informer's first list. */
  private void startAgents(List<SimulatedKubeNode> kubeNodes) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> started = new ArrayList<>();
      for (SimulatedKubeNode kubeNode : kubeNodes) {
        KubernetesClient client = newClient();
        started.add(pool.submit(() -> kubeNode.startAgent(client)));
      }
      for (Future<?> f : started) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  /** Creates the pods, one thread per Kubernetes node (a node's fixtures are not thread-safe). */
  private List<List<SimulatedPod>> runPods(String ns, List<SimulatedKubeNode> kubeNodes)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<SimulatedPod>>> created = new ArrayList<>();
      for (int i = 0; i < kubeNodes.size(); i++) {
        SimulatedKubeNode kubeNode = kubeNodes.get(i);
        int first = i * PODS_PER_NODE;
        created.add(
            pool.submit(
                () -> {
                  List<SimulatedPod> pods = new ArrayList<>();
                  for (int p = first; p < first + PODS_PER_NODE; p++) {
                    pods.add(
                        kubeNode
                            .pod(ns, String.format("bulk-%04d", p))
                            .labels(BULK)
                            .container("app", BYTES_PER_POD)
                            .run(kubectl));
                  }
                  return pods;
                }));
      }
      List<List<SimulatedPod>> pods = new ArrayList<>();
      for (Future<List<SimulatedPod>> f : created) {
        pods.add(f.get());
      }
      return pods;
    } finally {
      pool.shutdownNow();
    }
  }

  /** The API server's own count of the requests it answered, from its /metrics. */
  private ApiServerRequestTotals requestTotals() {
    return ApiServerRequestTotals.parse(
        kubectl.raw(kubectl.getConfiguration().getMasterUrl() + "metrics"));
  }

  /** The length of the object's JSON as the API server returns it to a GET. */
  private long storedBytes(Class<? extends HasMetadata> kind, String ns, String name) {
    String path =
        "/apis/"
            + HasMetadata.getGroup(kind)
            + "/"
            + HasMetadata.getVersion(kind)
            + "/namespaces/"
            + ns
            + "/"
            + HasMetadata.getPlural(kind)
            + "/"
            + name;
    String json = kubectl.raw(path);
    assertThat(json).as("GET " + path).isNotNull();
    return json.getBytes(StandardCharsets.UTF_8).length;
  }

  private static long millis(long nanos) {
    return Duration.ofNanos(nanos).toMillis();
  }
}
