package io.migratepages.agent;

import static io.migratepages.testsupport.CgroupTree.containerId;
import static io.migratepages.testsupport.CgroupTree.containerdId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.processing.retry.GenericRetry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migratepages.agent.adapters.CgroupProcessResolver;
import io.migratepages.agent.adapters.EngineLocalNumaNodes;
import io.migratepages.agent.adapters.LazyNumaSyscalls;
import io.migratepages.agent.port.MoveCalls;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.agent.port.ProcessResolver;
import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.startup.CheckResult;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.ContainerMigrationStatus;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.MoveMode;
import io.migratepages.engine.MoveOptions;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeUniverse;
import io.migratepages.testsupport.CgroupTree;
import io.migratepages.testsupport.CgroupTree.Driver;
import io.migratepages.testsupport.HostFixture;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's reconciler against the Fabric8 mock API server (CRUD mode) through a plain JOSDK
 * operator, with a fixture cgroup tree and a recording migrator (no syscalls).
 *
 * <p>Why the mock API server: this module's tests run without the Kubernetes binaries ({@code mvn
 * -pl node-agent/agent} on any machine, in seconds); the same behaviour runs against the real
 * kube-apiserver in {@code src/e2e} (every scenario runs real agents) and the kernel side in the
 * NUMA VM.
 */
@EnableKubernetesMockClient(crud = true)
class NodeMigrationReconcilerTest {
  private static final long MI = 1 << 20;
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final Instant NOW = Instant.parse("2026-11-05T10:15:30Z");
  private static final String NODE = "worker-1";
  private static final String DB_UID = "0b7c3f7e-1111-4a2b-9c3d-000000000001";
  private static final String WEB_UID = "0b7c3f7e-2222-4a2b-9c3d-000000000002";

  KubernetesClient client;

  @TempDir Path host;

  private final AgentIdentity identity = new AgentIdentity(NODE, "agent-worker-1");
  private final RecordingPageMigrator migrator = new RecordingPageMigrator();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private CgroupTree cgroups;
  private Operator operator;

  @BeforeEach
  void setUp() {
    client
        .apiextensions()
        .v1()
        .customResourceDefinitions()
        .load(
            getClass()
                .getResourceAsStream("/META-INF/fabric8/nodemigrations.migratepages.io-v1.yml"))
        .create();
    cgroups =
        CgroupTree.kubelet(host, Driver.SYSTEMD)
            .container(DB_UID, "Burstable", containerId("db"), 101, 102)
            .container(DB_UID, "Burstable", containerId("sidecar"), 103)
            .container(WEB_UID, "Guaranteed", containerId("web"), 201);
  }

  @AfterEach
  void stopAgent() {
    if (operator != null) {
      operator.stop();
    }
  }

  private void startAgent(AgentCapabilities capabilities) {
    startAgent(capabilities, new CgroupProcessResolver(cgroups.cgroupRoot(), cgroups.procRoot()));
  }

  private void startAgent(AgentCapabilities capabilities, ProcessResolver resolver) {
    operator = new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    NodeMigrationReconciler reconciler =
        NodeAgent.builder(client, identity)
            .capabilities(capabilities)
            .hostTopology(() -> NumaNodeUniverse.of("0-1", "0-1"))
            .processResolver(resolver)
            .localNumaNodes(
                new EngineLocalNumaNodes(
                    new MigrationEngine(new HostPaths(host), LazyNumaSyscalls.jna())))
            .pageMigrator(migrator)
            .meterRegistry(registry)
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .build();
    operator.register(
        reconciler,
        NodeMigrationReconciler.watching(identity)
            .andThen(
                o -> o.withRetry(new GenericRetry().setMaxAttempts(2).setInitialInterval(50))));
    operator.start();
  }

  private static TargetPod dbPod() {
    return new TargetPod(
        "db-0",
        DB_UID,
        "Burstable",
        List.of(
            new TargetContainer("db", containerdId("db")),
            new TargetContainer("sidecar", containerdId("sidecar"))));
  }

  private static TargetPod webPod() {
    return new TargetPod(
        "web-0", WEB_UID, "Guaranteed", List.of(new TargetContainer("web", containerdId("web"))));
  }

  private NodeMigration create(String namespace, String name, String node, TargetPod... pods) {
    return create(namespace, name, node, "0", "1", pods);
  }

  private NodeMigration create(
      String namespace, String name, String node, String from, String to, TargetPod... pods) {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName(node);
    spec.setMigrationName("move-db");
    spec.setMigrationGeneration(1);
    spec.setFromNodes(from);
    spec.setToNodes(to);
    spec.setPods(List.of(pods));
    NodeMigration work = new NodeMigration();
    work.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace(namespace)
            .withName(name)
            .withLabels(
                Map.of(
                    ApiGroup.NODE_LABEL,
                    ApiGroup.labelValue(node),
                    ApiGroup.MIGRATION_LABEL,
                    "move-db"))
            .build());
    work.setSpec(spec);
    return client.resource(work).create();
  }

  private NodeMigration get(String namespace, String name) {
    return client.resources(NodeMigration.class).inNamespace(namespace).withName(name).get();
  }

  private NodeMigrationStatus awaitTerminal(String namespace, String name) {
    return await(namespace + "/" + name + " to reach a terminal phase")
        .atMost(WAIT)
        .until(() -> get(namespace, name), NodeMigrationReconcilerTest::terminalForItsGeneration)
        .getStatus();
  }

  private static boolean terminalForItsGeneration(NodeMigration work) {
    NodeMigrationStatus status = work.getStatus();
    return status != null
        && status.getPhase() != null
        && status.getPhase().isTerminal()
        && work.getMetadata().getGeneration().equals(status.getObservedGeneration());
  }

  private static PodMigrationStatus pod(NodeMigrationStatus status, String name) {
    return status.getPods().stream()
        .filter(p -> p.getName().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private double counter(String name, String... tags) {
    var counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void runsItsNodesWorkToSucceededWithPerPodAndPerContainerNumbers() {
    migrator
        .moves(101, Map.of(0, 100 * MI, 1, 4 * MI), Map.of(0, 0L, 1, 104 * MI), 0)
        .moves(102, Map.of(0, 50 * MI), Map.of(0, 10 * MI, 1, 40 * MI), 0)
        .defaultBytes(64 * MI);
    NodeMigration created = create("team-a", "move-db-worker-1", NODE, dbPod(), webPod());

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "move-db-worker-1");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(status.getObservedGeneration()).isEqualTo(created.getMetadata().getGeneration());
    assertThat(status.getAgent()).isEqualTo("agent-worker-1");
    assertThat(status.getStartTime()).isEqualTo("2026-11-05T10:15:30Z");
    assertThat(status.getCompletionTime()).isEqualTo("2026-11-05T10:15:30Z");
    assertThat(status.getReason()).isNull();
    assertThat(status.getPods())
        .extracting(PodMigrationStatus::getName)
        .containsExactly("db-0", "web-0");

    PodMigrationStatus db = pod(status, "db-0");
    assertThat(db.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(db.getNode()).isEqualTo(NODE);
    assertThat(db.getBytesMoved()).isEqualTo((100 + 40 + 64) * MI);
    assertThat(db.getContainers())
        .extracting(ContainerMigrationStatus::getName)
        .containsExactly("db", "sidecar");
    ContainerMigrationStatus dbContainer = db.getContainers().get(0);
    assertThat(dbContainer.getProcesses()).isEqualTo(2);
    assertThat(dbContainer.getBytesMoved()).isEqualTo(140 * MI);
    assertThat(dbContainer.getBytesBefore())
        .containsOnly(Map.entry("0", 150 * MI), Map.entry("1", 4 * MI));
    assertThat(dbContainer.getBytesAfter())
        .containsOnly(Map.entry("0", 10 * MI), Map.entry("1", 144 * MI));
    ContainerMigrationStatus sidecar = db.getContainers().get(1);
    assertThat(sidecar.getBytesBefore()).containsOnly(Map.entry("0", 64 * MI));
    assertThat(sidecar.getBytesAfter()).containsOnly(Map.entry("1", 64 * MI));
    assertThat(db.getProcesses()).extracting(p -> p.getPid()).containsExactly(101, 103, 102);

    PodMigrationStatus web = pod(status, "web-0");
    assertThat(web.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(web.getBytesMoved()).isEqualTo(64 * MI);

    assertThat(migrator.pids()).containsExactly(101, 102, 103, 201);
    assertThat(migrator.calls())
        .allSatisfy(
            call -> {
              assertThat(call.nodes().from()).isEqualTo(NumaNodeSet.of(0));
              assertThat(call.nodes().to()).isEqualTo(NumaNodeSet.of(1));
            });
    assertThat(counter("migratepages.agent.processes", "result", "moved")).isEqualTo(4);
    assertThat(counter("migratepages.agent.bytes.moved")).isEqualTo((100 + 40 + 64 + 64) * MI);
  }

  @Test
  void toNodesLocalIsResolvedForEachProcessAndTheStatusSaysWhatItMeant() {
    HostFixture.twoNodes(host).write();
    HostFixture.cpusAllowed(host, 101, 101, "4-7"); // pinned to node 1's CPUs
    HostFixture.cpusAllowed(host, 102, 102, "0-7"); // may run anywhere: nothing to move
    HostFixture.cpusAllowed(host, 103, 103, "0-3"); // pinned to node 0's CPUs
    create("team-a", "move-db-worker-1", NODE, "all", "local", dbPod());

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "move-db-worker-1");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(migrator.calls())
        .extracting(c -> c.pid() + ": " + c.from() + " -> " + c.to())
        .containsExactly("101: 0 -> 1", "103: 1 -> 0");
    PodMigrationStatus db = pod(status, "db-0");
    assertThat(db.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(db.getMessage()).contains("1 process had nothing to move (pid 102: ");
    assertThat(db.getProcesses())
        .extracting(
            ProcessMigrationStatus::getPid,
            ProcessMigrationStatus::getCpusAllowed,
            ProcessMigrationStatus::getResolvedFromNodes,
            ProcessMigrationStatus::getResolvedToNodes)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(101, "4-7", "0", "1"),
            org.assertj.core.groups.Tuple.tuple(103, "0-3", "1", "0"),
            org.assertj.core.groups.Tuple.tuple(102, "0-7", "none", "0-1"));
    assertThat(counter("migratepages.agent.processes", "result", "nothing_to_move")).isEqualTo(1);
  }

  @Test
  void toNodesLocalWithAFromNodesThisHostLacksFailsTheWholeNode() {
    HostFixture.twoNodes(host).write();
    create("team-a", "move-db-worker-1", NODE, "5", "local", dbPod());

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "move-db-worker-1");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(pod(status, "db-0").getReason()).isEqualTo(PodReason.InvalidNodeSpec.name());
    assertThat(pod(status, "db-0").getMessage()).startsWith("spec.fromNodes: ");
    assertThat(migrator.calls()).isEmpty();
  }

  @Test
  void ignoresOtherNodesWorkAndServesEveryNamespace() {
    create("team-b", "move-db-worker-2", "worker-2", webPod());
    create("team-c", "move-db-worker-1", NODE, dbPod());

    startAgent(AgentCapabilities.allPassed());
    awaitTerminal("team-c", "move-db-worker-1");

    assertThat(get("team-b", "move-db-worker-2").getStatus()).isNull();
    assertThat(migrator.pids()).containsExactly(101, 102, 103).doesNotContain(201);
  }

  @Test
  void podWhoseCgroupIsGoneFailsWithContainerNotFound() {
    TargetPod gone =
        new TargetPod(
            "gone-0",
            "0b7c3f7e-9999-4a2b-9c3d-000000000009",
            "BestEffort",
            List.of(new TargetContainer("app", containerdId("gone"))));
    create("team-a", "mixed", NODE, gone, webPod());

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "mixed");

    PodMigrationStatus failed = pod(status, "gone-0");
    assertThat(failed.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(failed.getReason()).isEqualTo(PodReason.ContainerNotFound.name());
    assertThat(failed.getMessage()).startsWith("container app not found: ");
    assertThat(pod(status, "web-0").getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(status.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(migrator.pids()).containsExactly(201);
  }

  @Test
  void restartedAgentOnlyDoesThePodsNotYetFinished() {
    NodeMigration created = create("team-a", "half-done", NODE, dbPod(), webPod());
    NodeMigrationStatus left = new NodeMigrationStatus();
    left.setPhase(MigrationPhase.Running);
    left.setObservedGeneration(created.getMetadata().getGeneration());
    left.setAgent("agent-before-restart");
    left.setStartTime("2026-11-05T09:00:00Z");
    PodMigrationStatus doneBefore = new PodMigrationStatus();
    doneBefore.setName("db-0");
    doneBefore.setNode(NODE);
    doneBefore.setPhase(MigrationPhase.Succeeded);
    doneBefore.setBytesMoved(12345);
    PodMigrationStatus pending = new PodMigrationStatus();
    pending.setName("web-0");
    pending.setNode(NODE);
    pending.setPhase(MigrationPhase.Pending);
    left.setPods(List.of(doneBefore, pending));
    created.setStatus(left);
    client.resource(created).updateStatus();

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "half-done");

    assertThat(migrator.pids()).containsExactly(201);
    assertThat(pod(status, "db-0").getBytesMoved()).isEqualTo(12345);
    assertThat(pod(status, "web-0").getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(status.getStartTime()).isEqualTo("2026-11-05T09:00:00Z");
    assertThat(status.getAgent()).isEqualTo("agent-worker-1");
  }

  @Test
  void agentThatIsNotCapableFailsEveryPodWithAgentNotCapable() {
    AgentCapabilities notCapable =
        new AgentCapabilities(
            List.of(
                CheckResult.pass("hostPID", "sees the host's kernel threads"),
                CheckResult.fail("capabilities", "missing CAP_SYS_NICE")));
    create("team-a", "cannot", NODE, dbPod(), webPod());

    startAgent(notCapable);
    NodeMigrationStatus status = awaitTerminal("team-a", "cannot");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getReason()).isEqualTo(PodReason.AgentNotCapable.name());
    assertThat(status.getMessage()).contains("capabilities: missing CAP_SYS_NICE");
    assertThat(status.getPods())
        .hasSize(2)
        .allSatisfy(
            p -> {
              assertThat(p.getPhase()).isEqualTo(MigrationPhase.Failed);
              assertThat(p.getReason()).isEqualTo(PodReason.AgentNotCapable.name());
              assertThat(p.getMessage()).contains("missing CAP_SYS_NICE");
            });
    assertThat(migrator.calls()).isEmpty();
  }

  @Test
  void nodeSpecThatDoesNotFitTheHostFailsWithInvalidNodeSpec() {
    NodeMigration work = create("team-a", "bad-spec", NODE, webPod());
    work.getSpec().setToNodes("3");
    client.resource(work).update();

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "bad-spec");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getReason()).isEqualTo(PodReason.InvalidNodeSpec.name());
    assertThat(status.getMessage()).contains("spec.toNodes");
    assertThat(pod(status, "web-0").getReason()).isEqualTo(PodReason.InvalidNodeSpec.name());
    assertThat(migrator.calls()).isEmpty();
  }

  @Test
  void boundedWorkReachesTheMigratorWithItsOptionsAndTheStatusShowsItsCalls() {
    migrator.script(
        101,
        (pid, nodes) ->
            new ProcessOutcome.Moved(
                pid,
                new TreeMap<>(Map.of(0, 10 * MI)),
                new TreeMap<>(Map.of(1, 10 * MI)),
                true,
                3,
                9_000_000,
                List.of(),
                new MoveCalls(
                    MoveMode.BOUNDED, 12, 1_500_000, new TreeMap<>(Map.of("EBUSY", 3L)))));
    NodeMigration work = create("team-a", "bounded", NODE, dbPod());
    work.getSpec().setMode(io.migratepages.api.v1alpha1.MoveMode.Bounded);
    work.getSpec().setMaxPausePerCall("2ms");
    work.getSpec().setRateLimit("200Mi");
    client.resource(work).update();

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "bounded");

    assertThat(migrator.calls())
        .extracting(call -> call.nodes().options())
        .containsOnly(MoveOptions.bounded(Duration.ofMillis(2), 200 * MI));
    PodMigrationStatus db = pod(status, "db-0");
    assertThat(db.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(db.getReason()).isEqualTo(PodReason.PagesNotMoved.name());
    assertThat(db.getLongestCallMicros()).isEqualTo(1500);
    assertThat(db.getNotMovedByReason()).containsExactly(Map.entry("EBUSY", 3L));
    ProcessMigrationStatus p101 =
        db.getProcesses().stream().filter(p -> p.getPid() == 101).findFirst().orElseThrow();
    assertThat(p101.getMode()).isEqualTo(io.migratepages.api.v1alpha1.MoveMode.Bounded);
    assertThat(p101.getMoveCalls()).isEqualTo(12);
    assertThat(p101.getLongestCallMicros()).isEqualTo(1500);
    assertThat(p101.getNotMovedByReason()).containsExactly(Map.entry("EBUSY", 3L));
    ProcessMigrationStatus p102 =
        db.getProcesses().stream().filter(p -> p.getPid() == 102).findFirst().orElseThrow();
    assertThat(p102.getMode()).isEqualTo(io.migratepages.api.v1alpha1.MoveMode.Bounded);
    assertThat(p102.getMoveCalls()).isEqualTo(RecordingPageMigrator.BOUNDED_CALLS);
  }

  @Test
  void wholeWorkMovesInOneCallPerProcess() {
    create("team-a", "whole", NODE, webPod());

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "whole");

    assertThat(migrator.calls())
        .extracting(call -> call.nodes().options())
        .containsOnly(MoveOptions.whole());
    ProcessMigrationStatus web = pod(status, "web-0").getProcesses().get(0);
    assertThat(web.getMode()).isEqualTo(io.migratepages.api.v1alpha1.MoveMode.Whole);
    assertThat(web.getMoveCalls()).isEqualTo(1);
    assertThat(web.getNotMovedByReason()).isEmpty();
  }

  @Test
  void aPauseOutOfRangeFailsTheWorkNamingTheField() {
    NodeMigration work = create("team-a", "bad-pause", NODE, webPod());
    work.getSpec().setMode(io.migratepages.api.v1alpha1.MoveMode.Bounded);
    work.getSpec().setMaxPausePerCall("20s");
    client.resource(work).update();

    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus status = awaitTerminal("team-a", "bad-pause");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getReason()).isEqualTo(PodReason.InvalidNodeSpec.name());
    assertThat(status.getMessage())
        .contains("spec.maxPausePerCall: 20s is out of range (valid: from 100us to 10s)");
    assertThat(migrator.calls()).isEmpty();
  }

  @Test
  void newGenerationRunsAgain() {
    create("team-a", "again", NODE, webPod());
    startAgent(AgentCapabilities.allPassed());
    NodeMigrationStatus first = awaitTerminal("team-a", "again");

    NodeMigration work = get("team-a", "again");
    work.getSpec().setFromNodes("1");
    work.getSpec().setToNodes("0");
    NodeMigration updated = client.resource(work).update();
    assertThat(updated.getMetadata().getGeneration()).isGreaterThan(first.getObservedGeneration());
    NodeMigrationStatus second = awaitTerminal("team-a", "again");

    assertThat(second.getObservedGeneration()).isEqualTo(updated.getMetadata().getGeneration());
    assertThat(migrator.calls()).hasSize(2);
    assertThat(migrator.calls().get(1).nodes().from()).isEqualTo(NumaNodeSet.of(1));
  }

  @Test
  void workTheOperatorWithdrewIsNeverStarted() {
    NodeMigration late = create("team-a", "withdrawn", NODE, webPod());
    late.getMetadata()
        .setAnnotations(Map.of(NodeMigrationAnnotations.WITHDRAWN_AT, "2026-11-05T10:15:00.000Z"));
    client.resource(late).update();
    create("team-b", "current", NODE, dbPod());

    startAgent(AgentCapabilities.allPassed());
    awaitTerminal("team-b", "current");

    assertThat(get("team-a", "withdrawn").getStatus())
        .as("its pods are already reported AgentUnavailable by the operator")
        .isNull();
    assertThat(migrator.pids()).containsExactly(101, 102, 103).doesNotContain(201);
  }

  @Test
  void anErrorWhileRunningFailsTheUnfinishedPodsWithAgentErrorOnceRetriesAreSpent() {
    create("team-a", "broken", NODE, webPod());

    startAgent(
        AgentCapabilities.allPassed(),
        pod -> {
          throw new IllegalStateException("cgroup walker bug");
        });
    NodeMigrationStatus status = awaitTerminal("team-a", "broken");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getReason()).isEqualTo(PodReason.AgentError.name());
    assertThat(status.getMessage())
        .isEqualTo("gave up after retrying: IllegalStateException: cgroup walker bug");
    assertThat(pod(status, "web-0").getReason()).isEqualTo(PodReason.AgentError.name());
    assertThat(migrator.calls()).isEmpty();
  }
}
