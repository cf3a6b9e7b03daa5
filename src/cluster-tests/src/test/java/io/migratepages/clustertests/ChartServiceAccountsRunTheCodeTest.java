package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientTimeoutException;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migratepages.agent.AgentIdentity;
import io.migratepages.agent.NodeAgent;
import io.migratepages.agent.NodeMigrationReconciler;
import io.migratepages.agent.port.ContainerProcesses;
import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.testing.RecordingPageMigrator;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import io.migratepages.numanodes.NumaNodeUniverse;
import io.migratepages.operator.NumaMigrationReconciler;
import io.migratepages.operator.policy.NumaPlacementPolicyReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The operator's and the agent's real code (reconcilers, dispatcher, status writers, events, leader
 * election) run as the chart's ServiceAccounts after {@code helm install}, and a migration reaches
 * Succeeded: the chart's RBAC, tightened to what the code calls, lacks nothing the code needs.
 * Without a kubelet, the pod is created by the test (Running on a Node object of the test) and the
 * agent's cgroup lookup and page migration are test doubles.
 */
@RealControlPlane
class ChartServiceAccountsRunTheCodeTest {

  private static final String RELEASE = "mp-code";
  private static final String NAMESPACE = "mp-code-system";
  private static final String WORKLOADS = "code-under-rbac";
  private static final String NODE = "rbac-node-a";
  private static final String POD = "app-0";
  private static final int PID = 4242;
  private static final long TERMINAL_WITHIN_SECONDS = 60;
  private static final Set<String> TERMINAL_PHASES =
      Arrays.stream(MigrationPhase.values())
          .filter(MigrationPhase::isTerminal)
          .map(MigrationPhase::name)
          .collect(Collectors.toSet());

  private static final ServiceAccountUser OPERATOR =
      new ServiceAccountUser(NAMESPACE, RELEASE + "-migratepages-operator");
  private static final ServiceAccountUser AGENT =
      new ServiceAccountUser(NAMESPACE, RELEASE + "-migratepages-operator-node-agent");

  private static HelmRelease release;

  @BeforeAll
  static void install(KubeLocal kubeLocal) {
    release = HelmRelease.install(kubeLocal, RELEASE, NAMESPACE);
  }

  /**
   * The Node goes too, so that no later class of the run schedules onto a node without a kubelet
   * (the pod-GC controller then removes the pod bound to it).
   */
  @AfterAll
  static void uninstall(KubernetesClient admin) {
    admin.nodes().withName(NODE).delete();
    admin.namespaces().withName(WORKLOADS).delete();
    if (release != null) {
      release.uninstall();
    }
  }

  @Test
  void aMigrationSucceedsWithTheOperatorAndTheAgentActingAsTheirServiceAccounts(
      KubeLocal kubeLocal, KubernetesClient admin) {
    runningPod(admin);
    RecordingPageMigrator migrator = new RecordingPageMigrator(NODE).resident(PID, 1 << 20);
    try (KubernetesClient operatorClient = OPERATOR.newClient(kubeLocal);
        KubernetesClient agentClient = AGENT.newClientOnNode(kubeLocal, NODE)) {
      Operator operator = operator(operatorClient);
      Operator agent = agent(agentClient, migrator);
      try {
        admin
            .resource(
                """
                apiVersion: migratepages.io/v1alpha1
                kind: NumaMigration
                metadata: {name: move-app-0, namespace: %s}
                spec: {podName: %s, fromNodes: "0", toNodes: "1"}
                """
                    .formatted(WORKLOADS, POD))
            .create();

        GenericKubernetesResource done = awaitTerminalPhase(admin, "move-app-0");

        assertThat(phase(done))
            .as(
                "phase of the NumaMigration; its status: %s",
                done.getAdditionalProperties().get("status"))
            .isEqualTo("Succeeded");
        assertThat(migrator.calls())
            .extracting(RecordingPageMigrator.Call::pid)
            .containsExactly(PID);
        // The operator logs a refused Event write and goes on: check the Events are there.
        assertThat(admin.v1().events().inNamespace(WORKLOADS).list().getItems())
            .filteredOn(e -> "NumaMigration".equals(e.getInvolvedObject().getKind()))
            .as("Events the operator recorded on the NumaMigration")
            .isNotEmpty()
            .allMatch(e -> "migratepages-operator".equals(e.getReportingComponent()));
        assertThat(
                admin
                    .leases()
                    .inNamespace(NAMESPACE)
                    .withName("migratepages-operator")
                    .get()
                    .getSpec()
                    .getHolderIdentity())
            .as("the leader-election Lease the operator took in the release namespace")
            .isNotBlank();
      } finally {
        agent.stop();
        operator.stop();
      }
    }
  }

  /** As the Deployment runs it (leader election on, a Lease in the release namespace). */
  private static Operator operator(KubernetesClient client) {
    Operator operator =
        new Operator(
            o ->
                o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    .withLeaderElectionConfiguration(
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
                                "migratepages-operator")
                            .withLeaseNamespace(NAMESPACE)
                            // JOSDK's default ends the JVM when leadership ends, as on stop().
                            .withExitOnStopLeading(false)
                            .build()));
    operator.register(
        new NumaMigrationReconciler(
            client, new SimpleMeterRegistry(), Duration.ofSeconds(60), Clock.systemUTC()),
        c -> c.watchingAllNamespaces());
    // Its informers (policies, their NumaMigrations, NodeNumaReports) must start under the chart's
    // RBAC too, or operator.start() fails.
    operator.register(
        new NumaPlacementPolicyReconciler(client, new SimpleMeterRegistry(), Clock.systemUTC()),
        c -> c.watchingAllNamespaces());
    operator.start();
    return operator;
  }

  /** As the DaemonSet runs it on NODE, but with test doubles for cgroups and migrate_pages. */
  private static Operator agent(KubernetesClient client, RecordingPageMigrator migrator) {
    AgentIdentity identity = new AgentIdentity(NODE, "agent-" + NODE);
    NodeMigrationReconciler reconciler =
        NodeAgent.builder(client, identity)
            .capabilities(AgentCapabilities.allPassed())
            .hostTopology(() -> NumaNodeUniverse.of("0-1", "0-1"))
            .processResolver(
                pod ->
                    pod.getContainers().stream()
                        .map(
                            c ->
                                ContainerProcesses.found(
                                    c.getName(), List.of(PID), pid -> Optional.empty()))
                        .toList())
            .localNumaNodes(
                (pid, from, to) -> {
                  throw new AssertionError("this test's NumaMigration names its NUMA nodes");
                })
            .pageMigrator(migrator)
            .build();
    Operator operator =
        new Operator(o -> o.withKubernetesClient(client).withCloseClientOnStop(false));
    NodeAgent.register(operator, reconciler, identity);
    operator.start();
    return operator;
  }

  /** A Node and a pod Running on it, as a kubelet would report it. */
  private static void runningPod(KubernetesClient admin) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(WORKLOADS).endMetadata().build())
        .create();
    admin
        .nodes()
        .resource(new NodeBuilder().withNewMetadata().withName(NODE).endMetadata().build())
        .create();
    // The ServiceAccount admission plugin refuses pods until the namespace's default one exists.
    admin
        .serviceAccounts()
        .inNamespace(WORKLOADS)
        .withName("default")
        .waitUntilCondition(sa -> sa != null, 30, TimeUnit.SECONDS);
    Pod pod =
        admin
            .resource(
                new PodBuilder()
                    .withNewMetadata()
                    .withName(POD)
                    .withNamespace(WORKLOADS)
                    .withLabels(Map.of("app", "app"))
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName(NODE)
                    .addNewContainer()
                    .withName("app")
                    .withImage("app:1")
                    .endContainer()
                    .endSpec()
                    .build())
            .create();
    pod.setStatus(
        new PodStatusBuilder()
            .withPhase("Running")
            .withQosClass("BestEffort")
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("app")
                    .withImage("app:1")
                    .withImageID("app@sha256:" + "0".repeat(64))
                    .withContainerID("containerd://" + "a".repeat(64))
                    .withReady(true)
                    .withRestartCount(0)
                    .withNewState()
                    .withNewRunning()
                    .withStartedAt("2026-11-01T00:00:00Z")
                    .endRunning()
                    .endState()
                    .build())
            .build());
    admin.resource(pod).updateStatus();
  }

  /**
   * A request the chart's RBAC refuses shows up in the status (ReconcileError) or as no progress.
   */
  private static GenericKubernetesResource awaitTerminalPhase(KubernetesClient admin, String name) {
    var migration =
        admin
            .genericKubernetesResources("migratepages.io/v1alpha1", "NumaMigration")
            .inNamespace(WORKLOADS)
            .withName(name);
    try {
      return migration.waitUntilCondition(
          m -> m != null && TERMINAL_PHASES.contains(String.valueOf(phase(m))),
          TERMINAL_WITHIN_SECONDS,
          TimeUnit.SECONDS);
    } catch (KubernetesClientTimeoutException e) {
      throw new AssertionError(
          "NumaMigration "
              + WORKLOADS
              + "/"
              + name
              + " reached no terminal phase within "
              + TERMINAL_WITHIN_SECONDS
              + " s; its status: "
              + migration.get().getAdditionalProperties().get("status"),
          e);
    }
  }

  private static String phase(GenericKubernetesResource migration) {
    Object status = migration.getAdditionalProperties().get("status");
    return status instanceof Map<?, ?> map ? String.valueOf(map.get("phase")) : null;
  }
}
