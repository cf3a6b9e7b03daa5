package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.NS;
import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.runningPod;
import static io.migratepages.operator.Fixtures.selectorSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.ContainerMigrationStatus;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reconciler inside a real JOSDK Operator against the CRUD mock API server; the test plays the
 * node agents by writing NodeMigration statuses as the protocol says.
 *
 * <p>Why the mock API server: this module's tests run without the Kubernetes binaries ({@code mvn
 * -pl operator} on any machine, in seconds); the same behaviour runs against the real
 * kube-apiserver in {@code src/e2e} (AgentUnavailableE2ETest, RerunE2ETest, LeaderElectionE2ETest)
 * and {@code src/cluster-tests}.
 */
@EnableKubernetesMockClient(crud = true)
class NumaMigrationReconcilerTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<String, String> DB = Map.of("app", "db");
  private static final long MI = 1024L * 1024;

  KubernetesClient client;
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private Operator operator;

  @BeforeEach
  void installCrds() {
    Crds.install(client);
  }

  @AfterEach
  void stopOperator() {
    if (operator != null) {
      operator.stop();
    }
  }

  private void startOperator(Duration agentTimeout) {
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(
        new NumaMigrationReconciler(client, registry, agentTimeout, Clock.systemUTC()));
    operator.start();
  }

  @Test
  void runsToSucceededAsTheAgentsReportAndRerunsNothingAfterARestart() {
    createPod(runningPod("db-0", "n1", DB, "app"));
    createPod(runningPod("db-1", "n2", DB, "app"));
    startOperator(Duration.ofSeconds(60));

    client.resource(migration("db", 1, selectorSpec(DB, "0", "1"))).create();

    NumaMigrationStatus running = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Running);
    assertThat(running.getProgress()).isEqualTo("0/2");
    assertThat(running.getPods())
        .extracting(PodMigrationStatus::getPhase)
        .containsOnly(MigrationPhase.Pending);
    List<NodeMigration> work = awaitWork("db", 2);
    assertThat(work)
        .extracting(n -> n.getSpec().getNodeName())
        .containsExactlyInAnyOrder("n1", "n2");

    playAgent("db-n1", MigrationPhase.Running);
    awaitStatus(
        "db", s -> s.getPods().stream().anyMatch(p -> p.getPhase() == MigrationPhase.Running));
    playAgent(
        "db-n1", MigrationPhase.Succeeded, podResult("db-0", MigrationPhase.Succeeded, 2 * MI));
    NumaMigrationStatus half = awaitStatus("db", s -> "1/2".equals(s.getProgress()));
    assertThat(half.getPhase()).isEqualTo(MigrationPhase.Running);

    playAgent("db-n2", MigrationPhase.Succeeded, podResult("db-1", MigrationPhase.Succeeded, MI));
    NumaMigrationStatus done = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Succeeded);

    assertThat(done.getSummary().getPodsTargeted()).isEqualTo(2);
    assertThat(done.getSummary().getPodsSucceeded()).isEqualTo(2);
    assertThat(done.getSummary().getPodsFailed()).isZero();
    assertThat(done.getSummary().getBytesMoved()).isEqualTo(3 * MI);
    assertThat(done.getMoved()).isEqualTo("3Mi");
    assertThat(done.getProgress()).isEqualTo("2/2");
    assertThat(done.getCompletionTime()).isNotNull();
    assertThat(done.getPods())
        .extracting(PodMigrationStatus::getNode)
        .containsExactlyInAnyOrder("n1", "n2");
    assertThat(done.getConditions())
        .filteredOn(c -> c.getType().equals(ConditionType.Ready.name()))
        .singleElement()
        .satisfies(c -> assertThat(c.getStatus()).isEqualTo("True"));
    awaitEvents("db", "MigrationStarted", "MigrationSucceeded");
    assertThat(
            registry.get(MigrationMetrics.MIGRATIONS).tag("result", "succeeded").counter().count())
        .isEqualTo(1.0);
    assertThat(registry.get(MigrationMetrics.BYTES_MOVED).counter().count()).isEqualTo(3.0 * MI);

    List<String> versions = resourceVersions();
    String statusVersion = migrationVersion("db");
    operator.stop();
    startOperator(Duration.ofSeconds(60));
    Awaitility.await("the restarted operator to leave the finished migration alone")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(
            () ->
                resourceVersions().equals(versions)
                    && migrationVersion("db").equals(statusVersion));

    assertThat(resourceVersions()).as("no NodeMigration rewritten").isEqualTo(versions);
    assertThat(migrationVersion("db")).as("no status rewritten").isEqualTo(statusVersion);
    awaitEvents("db", "MigrationStarted", "MigrationSucceeded");
  }

  @Test
  void aChangedSpecIsANewRun() {
    createPod(runningPod("db-0", "n1", DB, "app"));
    startOperator(Duration.ofSeconds(60));
    client.resource(migration("db", 1, podSpec("db-0", "0", "1"))).create();
    awaitWork("db", 1);
    playAgent("db-n1", MigrationPhase.Succeeded, podResult("db-0", MigrationPhase.Succeeded, MI));
    awaitStatus("db", s -> s.getPhase() == MigrationPhase.Succeeded);

    client
        .resources(NumaMigration.class)
        .inNamespace(NS)
        .withName("db")
        .edit(
            m -> {
              m.getSpec().setToNodes("0");
              m.getSpec().setFromNodes("1");
              return m;
            });

    NumaMigrationStatus rerun =
        awaitStatus(
            "db", s -> s.getObservedGeneration() == 2L && s.getPhase() == MigrationPhase.Running);
    assertThat(rerun.getPods().get(0).getPhase()).isEqualTo(MigrationPhase.Pending);
    NodeMigration work =
        client.resources(NodeMigration.class).inNamespace(NS).withName("db-n1").get();
    assertThat(work.getSpec().getMigrationGeneration()).isEqualTo(2L);
    assertThat(work.getSpec().getToNodes()).isEqualTo("0");
    playAgent("db-n1", MigrationPhase.Failed, podResult("db-0", MigrationPhase.Failed, 0));

    NumaMigrationStatus failed = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Failed);
    assertThat(failed.getSummary().getPodsFailed()).isEqualTo(1);
    awaitEvents(
        "db",
        "MigrationStarted",
        "MigrationSucceeded",
        "MigrationStarted",
        "PodMigrationFailed",
        "MigrationFailed");
  }

  @Test
  void workNoAgentPicksUpFailsWithAgentUnavailableAfterTheTimeout() {
    createPod(runningPod("db-0", "n1", DB, "app"));
    startOperator(Duration.ofSeconds(2));
    Instant created = Instant.now();

    client.resource(migration("db", 1, podSpec("db-0", "all", "1"))).create();

    NumaMigrationStatus failed = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Failed);
    assertThat(Duration.between(created, Instant.now()))
        .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
    assertThat(failed.getPods())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getReason()).isEqualTo(PodReason.AgentUnavailable.name());
              assertThat(p.getNode()).isEqualTo("n1");
            });
    awaitEvents("db", "MigrationStarted", "PodMigrationFailed", "MigrationFailed");
    assertThat(registry.get(MigrationMetrics.MIGRATIONS).tag("result", "failed").counter().count())
        .isEqualTo(1.0);
    assertThat(awaitWork("db", 1).get(0).getMetadata().getAnnotations())
        .as("the work is withdrawn before its pods are reported AgentUnavailable")
        .containsKey(NodeMigrationAnnotations.WITHDRAWN_AT);

    playAgent("db-n1", MigrationPhase.Succeeded, podResult("db-0", MigrationPhase.Succeeded, MI));
    Awaitility.await("a late result not to reopen the finished run")
        .during(Duration.ofSeconds(2))
        .atMost(Duration.ofSeconds(5))
        .until(() -> statusOf("db").getPhase(), phase -> phase == MigrationPhase.Failed);
    assertThat(eventReasons("db"))
        .as("one terminal Event per generation")
        .containsExactly("MigrationStarted", "PodMigrationFailed", "MigrationFailed");
  }

  @Test
  void anApiErrorDuringDispatchShowsInStatusAndEventsAndIsRetried() {
    createPod(runningPod("db-0", "n1", DB, "app"));
    AtomicBoolean apiDown = new AtomicBoolean(true);
    NodeMigrationDispatcher flaky =
        new NodeMigrationDispatcher(client) {
          @Override
          public Dispatch dispatch(
              NumaMigration migration,
              Collection<NodeMigration> found,
              Map<String, List<TargetPod>> podsByNode,
              Supplier<Instant> now) {
            if (apiDown.get()) {
              throw new KubernetesClientException("etcdserver: request timed out", 500, null);
            }
            return super.dispatch(migration, found, podsByNode, now);
          }
        };
    AgentDeadline deadline = new AgentDeadline(Duration.ofSeconds(60));
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    operator.register(
        new NumaMigrationReconciler(
            new SpecValidator(),
            new TargetResolver(client),
            flaky,
            deadline,
            new StatusAggregator(Clock.systemUTC(), deadline),
            new NumaMigrationStatusRecorder(),
            new MigrationEvents(client, Clock.systemUTC(), "test"),
            new MigrationMetrics(registry)));
    operator.start();

    client.resource(migration("db", 1, podSpec("db-0", "all", "1"))).create();

    NumaMigrationStatus erring =
        awaitStatus(
            "db",
            s ->
                s.getConditions().stream()
                    .anyMatch(c -> ConditionReason.ReconcileError.name().equals(c.getReason())));
    assertThat(erring.getObservedGeneration())
        .as("the run is not marked started, so the retry dispatches it")
        .isNull();
    assertThat(erring.getConditions())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getType()).isEqualTo(ConditionType.Ready.name());
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getMessage()).contains("500").contains("etcdserver: request timed out");
            });
    awaitEvents("db", "ReconcileError");

    apiDown.set(false);
    NumaMigrationStatus running = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Running);
    assertThat(running.getConditions())
        .extracting(c -> c.getReason())
        .doesNotContain(ConditionReason.ReconcileError.name());
    assertThat(awaitWork("db", 1)).hasSize(1);
  }

  @Test
  void podsTheOperatorCannotMigrateAreReportedAndTheRestDispatched() {
    createPod(runningPod("db-0", "n1", DB, "app"));
    Pod pending = runningPod("db-1", null, DB, "app");
    pending.getStatus().setPhase("Pending");
    createPod(pending);
    startOperator(Duration.ofSeconds(60));

    client.resource(migration("db", 1, selectorSpec(DB, "all", "1"))).create();
    awaitWork("db", 1);
    playAgent("db-n1", MigrationPhase.Succeeded, podResult("db-0", MigrationPhase.Succeeded, MI));

    NumaMigrationStatus done = awaitStatus("db", s -> s.getPhase().isTerminal());
    assertThat(done.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(done.getSummary().getPodsTargeted()).isEqualTo(2);
    assertThat(done.getPods())
        .extracting(PodMigrationStatus::getName, PodMigrationStatus::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("db-1", PodReason.PodNotScheduled.name()),
            org.assertj.core.groups.Tuple.tuple("db-0", null));
    awaitEvents("db", "MigrationStarted", "PodMigrationFailed", "MigrationPartiallySucceeded");
  }

  @Test
  void anInvalidSpecFailsWithoutDispatching() {
    createPod(runningPod("db-0", "n1", DB, "app"));
    startOperator(Duration.ofSeconds(60));

    client.resource(migration("db", 1, podSpec("db-0", "all", "1-"))).create();

    NumaMigrationStatus failed = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Failed);
    assertThat(failed.getConditions())
        .filteredOn(c -> c.getType().equals(ConditionType.Accepted.name()))
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.getStatus()).isEqualTo("False");
              assertThat(c.getReason()).isEqualTo(ConditionReason.InvalidSpec.name());
              assertThat(c.getMessage()).startsWith("spec.toNodes: ");
            });
    assertThat(client.resources(NodeMigration.class).inNamespace(NS).list().getItems()).isEmpty();
    awaitEvents("db", "InvalidSpec");
  }

  @Test
  void noMatchingPodsFails() {
    startOperator(Duration.ofSeconds(60));

    client.resource(migration("db", 1, podSpec("db-9", "all", "1"))).create();

    NumaMigrationStatus failed = awaitStatus("db", s -> s.getPhase() == MigrationPhase.Failed);
    assertThat(failed.getConditions())
        .allSatisfy(
            c -> assertThat(c.getReason()).isEqualTo(ConditionReason.NoMatchingPods.name()));
    awaitEvents("db", "MigrationFailed");
  }

  // --- helpers ---

  private void createPod(Pod pod) {
    client.resource(pod).create();
  }

  private static PodMigrationStatus podResult(String name, MigrationPhase phase, long bytes) {
    PodMigrationStatus pod = new PodMigrationStatus();
    pod.setName(name);
    pod.setPhase(phase);
    pod.setBytesMoved(bytes);
    if (phase == MigrationPhase.Failed) {
      pod.setReason("MigrationFailed");
      pod.setMessage("migrate_pages failed");
    }
    ContainerMigrationStatus container = new ContainerMigrationStatus();
    container.setName("app");
    container.setProcesses(1);
    container.setBytesMoved(bytes);
    container.getBytesBefore().putAll(Map.of("0", bytes, "1", 0L));
    container.getBytesAfter().putAll(Map.of("0", 0L, "1", bytes));
    pod.getContainers().add(container);
    ProcessMigrationStatus process = new ProcessMigrationStatus();
    process.setPid(4242);
    process.setContainer("app");
    process.setPhase(phase);
    process.setBytesMoved(bytes);
    pod.getProcesses().add(process);
    return pod;
  }

  /** What an agent writes: picked-up marker plus the pod results so far. */
  private void playAgent(String name, MigrationPhase phase, PodMigrationStatus... pods) {
    client
        .resources(NodeMigration.class)
        .inNamespace(NS)
        .withName(name)
        .editStatus(
            n -> {
              io.migratepages.api.v1alpha1.NodeMigrationStatus status =
                  new io.migratepages.api.v1alpha1.NodeMigrationStatus();
              status.setPhase(phase);
              status.setObservedGeneration(n.getMetadata().getGeneration());
              status.setAgent("agent-" + n.getSpec().getNodeName());
              status.setPods(new ArrayList<>(List.of(pods)));
              n.setStatus(status);
              return n;
            });
  }

  private String migrationVersion(String name) {
    return client
        .resources(NumaMigration.class)
        .inNamespace(NS)
        .withName(name)
        .get()
        .getMetadata()
        .getResourceVersion();
  }

  private NumaMigrationStatus statusOf(String name) {
    NumaMigration m = client.resources(NumaMigration.class).inNamespace(NS).withName(name).get();
    return m == null ? null : m.getStatus();
  }

  private NumaMigrationStatus awaitStatus(String name, Predicate<NumaMigrationStatus> condition) {
    return await(
        () -> statusOf(name),
        s -> s != null && condition.test(s),
        "status of NumaMigration " + name);
  }

  private List<NodeMigration> awaitWork(String migration, int count) {
    return await(
        () ->
            client.resources(NodeMigration.class).inNamespace(NS).list().getItems().stream()
                .filter(n -> migration.equals(n.getSpec().getMigrationName()))
                .toList(),
        l -> l.size() == count,
        count + " NodeMigrations of " + migration);
  }

  /** Events follow the status write that caused them, so they may trail it briefly. */
  private void awaitEvents(String name, String... reasons) {
    await(() -> eventReasons(name), l -> l.equals(List.of(reasons)), "events " + List.of(reasons));
  }

  private List<String> eventReasons(String name) {
    return client.v1().events().inNamespace(NS).list().getItems().stream()
        .filter(e -> name.equals(e.getInvolvedObject().getName()))
        .sorted(
            java.util.Comparator.comparing(Event::getFirstTimestamp)
                .thenComparing(
                    e -> e.getMetadata().getResourceVersion(),
                    java.util.Comparator.comparingLong(Long::parseLong)))
        .map(Event::getReason)
        .toList();
  }

  private List<String> resourceVersions() {
    return client.resources(NodeMigration.class).inNamespace(NS).list().getItems().stream()
        .map(n -> n.getMetadata().getName() + "@" + n.getMetadata().getResourceVersion())
        .sorted()
        .toList();
  }

  private static <T> T await(Supplier<T> probe, Predicate<T> done, String what) {
    return Awaitility.await(what).atMost(WAIT).until(probe::get, done);
  }
}
