package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.agent.report.NodeNumaReportWriter;
import io.migratepages.agent.report.NodeNumaReporter;
import io.migratepages.agent.report.PodNumaReader;
import io.migratepages.agent.report.ReportChange;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.NumaPlacementPolicySpec;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import io.migratepages.api.v1alpha1.OffTargetState;
import io.migratepages.api.v1alpha1.PlacementThreshold;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.testsupport.HostFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/**
 * NumaPlacementPolicy on the real API server: the operator's policy reconciler reads the
 * NodeNumaReports the real agent report code writes for a fixture host, creates NumaMigrations
 * owned by the policy, and the real NumaMigration path (operator and agent, recording page
 * migrator) runs them. The kernel's part is played by rewriting the fixture's numa_maps: these
 * simulated Kubernetes nodes run no processes. The garbage collection is kube-controller-manager's.
 */
class PlacementPolicyE2ETest extends EndToEndTest {
  private static final String POLICY = NumaPlacementPolicy.class.getSimpleName();

  /** A Kubernetes node whose host has NUMA nodes 0 (CPUs 0-1) and 1 (CPUs 2-3). */
  private record Host(SimulatedKubeNode node, NodeNumaReporter reporter) {}

  private Host host(String name) {
    SimulatedKubeNode node = node(name);
    HostFixture.at(node.hostRoot())
        .node(0, 8 << 20, 6 << 20, "0-1")
        .node(1, 8 << 20, 6 << 20, "2-3")
        .write();
    NodeNumaReporter reporter =
        new NodeNumaReporter(
            node.agentName(),
            new SysfsTopologyReader(new HostPaths(node.hostRoot())),
            () ->
                kubectl
                    .pods()
                    .inAnyNamespace()
                    .withField("spec.nodeName", node.name())
                    .list()
                    .getItems(),
            new PodNumaReader(node.cgroups().cgroupRoot(), node.cgroups().procRoot()),
            new NodeNumaReportWriter(newClient(), node.name()),
            new ReportChange(0, Duration.ofMinutes(5)),
            Clock.systemUTC());
    return new Host(node, reporter);
  }

  /** A pod app=db with one 64 MiB process: its CPUs and where its pages are set by the test. */
  private SimulatedPod db(Host host, String ns, String name, String cpus, String pagesPerNode) {
    SimulatedPod pod =
        host.node().pod(ns, name).label("app", "db").container("db", 64 * MI).run(kubectl);
    cpus(host, pod, cpus);
    pages(host, pod, pagesPerNode);
    return pod;
  }

  private static void cpus(Host host, SimulatedPod pod, String cpus) {
    SimulatedPod.Container container = pod.containers().get(0);
    host.node().cgroups().containerCpus(pod.uid(), pod.qosClass(), container.containerId(), cpus);
  }

  /** What numa_maps shows for the pod's process, e.g. {@code N0=12288 N1=4096} (4 KiB pages). */
  private static void pages(Host host, SimulatedPod pod, String pagesPerNode) {
    int pid = pod.containers().get(0).pids().get(0);
    HostFixture.numaMaps(host.node().hostRoot(), pid, HostFixture.anonLine(0x1000, pagesPerNode));
  }

  private NumaPlacementPolicy policy(String ns, String name, Consumer<NumaPlacementPolicySpec> s) {
    NumaPlacementPolicySpec spec = new NumaPlacementPolicySpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build());
    spec.setMaxPausePerCall("5ms");
    s.accept(spec);
    NumaPlacementPolicy policy = new NumaPlacementPolicy();
    policy.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(ns).build());
    policy.setSpec(spec);
    return kubectl.resource(policy).create();
  }

  private List<NumaMigration> migrationsOf(String ns, String policy) {
    return kubectl
        .resources(NumaMigration.class)
        .inNamespace(ns)
        .withLabel(ApiGroup.POLICY_LABEL, policy)
        .list()
        .getItems()
        .stream()
        .sorted(Comparator.comparing(m -> m.getMetadata().getCreationTimestamp()))
        .toList();
  }

  private NumaPlacementPolicyStatus awaitPolicy(
      String ns, String name, String what, Predicate<NumaPlacementPolicyStatus> done) {
    return await("NumaPlacementPolicy " + ns + "/" + name + ": " + what)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              NumaPlacementPolicy p =
                  kubectl.resources(NumaPlacementPolicy.class).inNamespace(ns).withName(name).get();
              return p == null
                      || p.getStatus() == null
                      || !Objects.equals(
                          p.getStatus().getObservedGeneration(), p.getMetadata().getGeneration())
                  ? null
                  : p.getStatus();
            },
            s -> s != null && done.test(s));
  }

  private List<String> policyEventReasons(String ns, String name) {
    return kubectl.v1().events().inNamespace(ns).list().getItems().stream()
        .filter(e -> "NumaPlacementPolicy".equals(e.getInvolvedObject().getKind()))
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .map(Event::getReason)
        .sorted()
        .toList();
  }

  private static String readyReason(NumaPlacementPolicyStatus status) {
    return condition(status, "Ready").getReason();
  }

  private static io.fabric8.kubernetes.api.model.Condition condition(
      NumaPlacementPolicyStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> type.equals(c.getType()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no condition " + type + " in " + status));
  }

  private void startOperatorWithPolicies() {
    operator = new OperatorUnderTest(newClient(), Duration.ofSeconds(60)).withPlacementPolicies();
    operator.start();
  }

  @Test
  void aDriftedPodGetsOneNumaMigrationTheCooldownHoldsAndDeletionCollectsTheHistory()
      throws Exception {
    String ns = namespace("policy");
    Host host = host("policy-worker");
    // CPUs on NUMA node 1, 48 MiB of 64 on node 0: 75% off target.
    SimulatedPod db0 = db(host, ns, "db-0", "2-3", "N0=12288 N1=4096");
    assertThat(host.reporter().reportOnce()).isTrue();
    startOperatorWithPolicies();
    startAgent(host.node());

    NumaPlacementPolicy policy =
        policy(
            ns,
            "keep-local",
            s -> {
              s.setCheckInterval("1s");
              s.setCooldown("1h");
            });

    await("one NumaMigration of the policy")
        .atMost(WAIT)
        .until(() -> migrationsOf(ns, "keep-local"), l -> !l.isEmpty());
    NumaMigration move = migrationsOf(ns, "keep-local").get(0);
    assertThat(move.getSpec().getPodName()).isEqualTo("db-0");
    assertThat(move.getSpec().getContainers()).containsExactly("db");
    assertThat(move.getSpec().getFromNodes()).isEqualTo("0");
    assertThat(move.getSpec().getToNodes()).isEqualTo("1");
    assertThat(move.getSpec().getMode()).isEqualTo(MoveMode.Bounded);
    assertThat(move.getSpec().getMaxPausePerCall()).isEqualTo("5ms");
    assertThat(move.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getUid()).isEqualTo(policy.getMetadata().getUid()));
    awaitPhase(ns, move.getMetadata().getName(), MigrationPhase.Succeeded);
    NumaPlacementPolicyStatus finished =
        awaitPolicy(
            ns,
            "keep-local",
            "the action Succeeded and db-0 cooling down",
            s ->
                !s.getLastActions().isEmpty()
                    && s.getLastActions().get(0).getPhase() == MigrationPhase.Succeeded
                    && !s.getOffTargetPods().isEmpty()
                    && s.getOffTargetPods().get(0).getState() == OffTargetState.CoolingDown);
    assertThat(finished.getPodsWatched()).isEqualTo(1);
    assertThat(finished.getPodsOffTarget()).isEqualTo(1);
    assertThat(readyReason(finished)).isEqualTo("PodsOffTarget");
    assertThat(condition(finished, "Ready").getStatus()).isEqualTo("True");
    capture(POLICY, ns, "keep-local", "policy-off-target-cooling-down");
    assertThat(finished.getCooldowns())
        .singleElement()
        .satisfies(c -> assertThat(c.getPod()).isEqualTo("db-0"));

    // The recording migrator moved no page: the next report still shows 40 MiB off target, the
    // policy judges it (status follows) and the cooldown holds the pod back.
    pages(host, db0, "N0=10240 N1=6144");
    assertThat(host.reporter().reportOnce()).isTrue();
    awaitPolicy(
        ns,
        "keep-local",
        "judged on the new report",
        s ->
            !s.getOffTargetPods().isEmpty()
                && s.getOffTargetPods().get(0).getOffTargetBytes() == 40 * MI);
    assertThat(migrationsOf(ns, "keep-local")).hasSize(1);
    await("PodMoveStarted and PodMoveSucceeded on the policy")
        .atMost(WAIT)
        .until(
            () -> policyEventReasons(ns, "keep-local"),
            r -> r.equals(List.of("PodMoveStarted", "PodMoveSucceeded")));
    assertThat(
            operator
                .metrics()
                .get("migratepages.policy.actions")
                .tag("policy", "keep-local")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            operator
                .metrics()
                .get("migratepages.policy.pods.off.target")
                .tag("policy", "keep-local")
                .gauge()
                .value())
        .isEqualTo(1.0);

    kubectl.resource(policy).delete();
    await("the policy's NumaMigrations garbage-collected")
        .atMost(WAIT)
        .until(() -> migrationsOf(ns, "keep-local").isEmpty());
  }

  @Test
  void belowTheThresholdNothingIsCreatedUntilTheThresholdIsLowered() throws Exception {
    String ns = namespace("threshold");
    Host host = host("threshold-worker");
    // 3 MiB of 64 on node 0 (5%), the CPUs on node 1: under the default 10%.
    db(host, ns, "db-0", "2-3", "N0=768 N1=15616");
    startOperatorWithPolicies();

    policy(ns, "keep-local", s -> {});
    NumaPlacementPolicyStatus waiting =
        awaitPolicy(ns, "keep-local", "no report yet", s -> s.getPodsNotReported() != null);
    assertThat(readyReason(waiting)).isEqualTo("WaitingForReports");
    assertThat(condition(waiting, "Reconciling").getStatus()).isEqualTo("True");
    capture(POLICY, ns, "keep-local", "policy-waiting-for-reports");
    assertThat(host.reporter().reportOnce()).isTrue();

    NumaPlacementPolicyStatus status =
        awaitPolicy(
            ns,
            "keep-local",
            "judged",
            s -> s.getPodsInTarget() != null && s.getPodsInTarget() == 1);
    assertThat(readyReason(status)).isEqualTo("PodsInTarget");
    assertThat(status.getConditions()).extracting(c -> c.getType()).containsExactly("Ready");
    assertThat(migrationsOf(ns, "keep-local")).isEmpty();
    capture(POLICY, ns, "keep-local", "policy-in-target");

    NumaPlacementPolicy edited =
        kubectl.resources(NumaPlacementPolicy.class).inNamespace(ns).withName("keep-local").get();
    edited.getSpec().setThreshold(new PlacementThreshold(4, null));
    kubectl.resource(edited).update();

    await("a NumaMigration once 5% exceeds the threshold of 4%")
        .atMost(WAIT)
        .until(() -> migrationsOf(ns, "keep-local"), l -> l.size() == 1);
    assertThat(migrationsOf(ns, "keep-local").get(0).getSpec().getFromNodes()).isEqualTo("0");
  }

  @Test
  void aCpuSetChangeIsJudgedAtOnceDespiteALongIntervalAndCooldown() throws Exception {
    String ns = namespace("cpuset");
    Host host = host("cpuset-worker");
    // All 64 MiB on node 1, next to its CPUs: in target.
    SimulatedPod db0 = db(host, ns, "db-0", "2-3", "N1=16384");
    assertThat(host.reporter().reportOnce()).isTrue();
    startOperatorWithPolicies();
    startAgent(host.node());
    policy(
        ns,
        "keep-local",
        s -> {
          s.setCheckInterval("24h");
          s.setCooldown("24h");
        });
    awaitPolicy(ns, "keep-local", "in target", s -> "PodsInTarget".equals(readyReason(s)));

    // The CPU manager (or an in-place resize) moves the container to node 0's CPUs.
    cpus(host, db0, "0-1");
    assertThat(host.reporter().reportOnce()).as("the report shows the new CPU set").isTrue();

    await("a NumaMigration to node 0, from the new report alone")
        .atMost(WAIT)
        .until(() -> migrationsOf(ns, "keep-local"), l -> l.size() == 1);
    NumaMigration toZero = migrationsOf(ns, "keep-local").get(0);
    assertThat(toZero.getSpec().getFromNodes()).isEqualTo("1");
    assertThat(toZero.getSpec().getToNodes()).isEqualTo("0");
    awaitPhase(ns, toZero.getMetadata().getName(), MigrationPhase.Succeeded);
    pages(host, db0, "N0=16384");
    assertThat(host.reporter().reportOnce()).isTrue();
    awaitPolicy(
        ns, "keep-local", "in target on node 0", s -> "PodsInTarget".equals(readyReason(s)));

    // Back to node 1's CPUs: the 24h cooldown was for target 0, so it does not hold.
    cpus(host, db0, "2-3");
    assertThat(host.reporter().reportOnce()).isTrue();
    await("a second NumaMigration, to node 1")
        .atMost(WAIT)
        .until(() -> migrationsOf(ns, "keep-local"), l -> l.size() == 2);
    assertThat(migrationsOf(ns, "keep-local"))
        .extracting(m -> m.getSpec().getToNodes())
        .containsExactlyInAnyOrder("0", "1");
  }
}
