package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.NS;
import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.target;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How the operator writes, updates, deletes and withdraws NodeMigrations.
 *
 * <p>Why the mock API server: this module's tests run without the Kubernetes binaries ({@code mvn
 * -pl operator} on any machine, in seconds); the same calls run against the real kube-apiserver in
 * {@code src/e2e} and, under the chart's ServiceAccount, in {@code src/cluster-tests}.
 */
@EnableKubernetesMockClient(crud = true)
class NodeMigrationDispatcherTest {
  private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");

  KubernetesClient client;
  private NodeMigrationDispatcher dispatcher;
  private NumaMigration migration;

  @BeforeEach
  void setUp() {
    Crds.install(client);
    dispatcher = new NodeMigrationDispatcher(client);
    migration = client.resource(migration("db", 1, podSpec("db-0", "0", "1"))).create();
  }

  private static Map<String, List<TargetPod>> plan(Object... nodeAndPods) {
    Map<String, List<TargetPod>> plan = new TreeMap<>();
    for (int i = 0; i < nodeAndPods.length; i += 2) {
      plan.put((String) nodeAndPods[i], List.of(target((String) nodeAndPods[i + 1])));
    }
    return plan;
  }

  /** What the operator's informer holds: the NumaMigration's NodeMigrations. */
  private List<NodeMigration> existing(NumaMigration owner) {
    return client
        .resources(NodeMigration.class)
        .inNamespace(NS)
        .withLabel(ApiGroup.MIGRATION_LABEL, ApiGroup.labelValue(owner.getMetadata().getName()))
        .list()
        .getItems();
  }

  private List<NodeMigration> stored() {
    return client.resources(NodeMigration.class).inNamespace(NS).list().getItems().stream()
        .sorted(java.util.Comparator.comparing(n -> n.getMetadata().getName()))
        .toList();
  }

  private NodeMigration stored(String name) {
    return client.resources(NodeMigration.class).inNamespace(NS).withName(name).get();
  }

  /**
   * The agent timeout counts from dispatched-at, so each NodeMigration gets the time of its own
   * write. Seen on a loaded real API server: 50 creates took 95 s, and NodeMigrations stamped with
   * the time the dispatch began were already overdue (timeout 60 s) when written, so the operator
   * withdrew them before their running agents could pick them up.
   */
  @Test
  void eachNodeMigrationIsStampedWhenItIsWrittenNotWhenTheDispatchBegan() {
    MutableClock clock = new MutableClock(T0);
    Supplier<Instant> eachWriteTakes45Seconds =
        () -> {
          Instant now = clock.instant();
          clock.advance(Duration.ofSeconds(45));
          return now;
        };

    dispatcher.dispatch(
        migration,
        existing(migration),
        plan("n1", "db-0", "n2", "db-1", "n3", "db-2"),
        eachWriteTakes45Seconds);

    assertThat(stored())
        .extracting(
            n -> n.getMetadata().getAnnotations().get(NodeMigrationAnnotations.DISPATCHED_AT))
        .containsExactly("2026-11-05T10:00:00Z", "2026-11-05T10:00:45Z", "2026-11-05T10:01:30Z");
  }

  @Test
  void writesOneNodeMigrationPerNodeOwnedAndLabelled() {
    NodeMigrationDispatcher.Dispatch dispatch =
        dispatcher.dispatch(
            migration, existing(migration), plan("n1", "db-0", "n2", "db-1"), () -> T0);

    assertThat(dispatch.created()).hasSize(2);
    assertThat(stored())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("db-n1", "db-n2");
    NodeMigration n1 = stored("db-n1");
    assertThat(n1.getMetadata().getLabels())
        .containsEntry(ApiGroup.NODE_LABEL, "n1")
        .containsEntry(ApiGroup.MIGRATION_LABEL, "db");
    assertThat(n1.getMetadata().getAnnotations())
        .containsEntry(NodeMigrationAnnotations.DISPATCHED_AT, "2026-11-05T10:00:00Z");
    OwnerReference owner = n1.getMetadata().getOwnerReferences().get(0);
    assertThat(owner.getKind()).isEqualTo("NumaMigration");
    assertThat(owner.getApiVersion()).isEqualTo("migratepages.io/v1alpha1");
    assertThat(owner.getUid()).isEqualTo(migration.getMetadata().getUid());
    assertThat(owner.getController()).isTrue();
    assertThat(n1.getSpec().getNodeName()).isEqualTo("n1");
    assertThat(n1.getSpec().getMigrationName()).isEqualTo("db");
    assertThat(n1.getSpec().getMigrationGeneration())
        .isEqualTo(migration.getMetadata().getGeneration());
    assertThat(n1.getSpec().getFromNodes()).isEqualTo("0");
    assertThat(n1.getSpec().getToNodes()).isEqualTo("1");
    assertThat(n1.getSpec().getPods()).containsExactly(target("db-0"));
  }

  /** The operator cannot know a process's CPUs: every agent gets local as written. */
  @Test
  void toNodesLocalPassesThroughWithFromNodesDefaulted() {
    NumaMigration local =
        client.resource(migration("near", 1, podSpec("db-0", null, "local"))).create();

    dispatcher.dispatch(local, existing(local), plan("n1", "db-0", "n2", "db-1"), () -> T0);

    assertThat(existing(local))
        .hasSize(2)
        .allSatisfy(
            work -> {
              assertThat(work.getSpec().getToNodes()).isEqualTo("local");
              assertThat(work.getSpec().getFromNodes()).isEqualTo("all");
            });
  }

  @Test
  void reapplyingTheSameGenerationChangesNothing() {
    dispatcher.dispatch(migration, existing(migration), plan("n1", "db-0"), () -> T0);
    NodeMigration before = stored("db-n1");

    NodeMigrationDispatcher.Dispatch again =
        dispatcher.dispatch(
            migration, existing(migration), plan("n1", "db-0"), () -> T0.plusSeconds(600));

    assertThat(again.created()).isEmpty();
    assertThat(again.updated()).isEmpty();
    assertThat(again.current()).extracting(n -> n.getMetadata().getName()).containsExactly("db-n1");
    NodeMigration after = stored("db-n1");
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getAnnotations())
        .containsEntry(NodeMigrationAnnotations.DISPATCHED_AT, "2026-11-05T10:00:00Z");
  }

  @Test
  void aNewGenerationRewritesTheWorkAsANewRunAndDeletesStaleNodes() {
    dispatcher.dispatch(migration, existing(migration), plan("n1", "db-0", "n2", "db-1"), () -> T0);
    NodeMigration done = stored("db-n1");
    NodeMigrationStatus agentStatus = new NodeMigrationStatus();
    agentStatus.setPhase(MigrationPhase.Succeeded);
    agentStatus.setObservedGeneration(done.getMetadata().getGeneration());
    done.setStatus(agentStatus);
    client.resource(done).updateStatus();
    long workGenerationBefore = done.getMetadata().getGeneration();

    migration.getSpec().setToNodes("0");
    migration = client.resource(migration).update();
    assertThat(migration.getMetadata().getGeneration()).isEqualTo(2L);
    NodeMigrationDispatcher.Dispatch dispatch =
        dispatcher.dispatch(
            migration, existing(migration), plan("n1", "db-0"), () -> T0.plusSeconds(60));

    assertThat(dispatch.updated()).hasSize(1);
    assertThat(dispatch.deleted())
        .extracting(n -> n.getMetadata().getName())
        .containsExactly("db-n2");
    assertThat(stored()).extracting(n -> n.getMetadata().getName()).containsExactly("db-n1");
    NodeMigration rewritten = stored("db-n1");
    assertThat(rewritten.getSpec().getMigrationGeneration()).isEqualTo(2L);
    assertThat(rewritten.getSpec().getToNodes()).isEqualTo("0");
    assertThat(rewritten.getMetadata().getAnnotations())
        .containsEntry(NodeMigrationAnnotations.DISPATCHED_AT, "2026-11-05T10:01:00Z");
    assertThat(rewritten.getMetadata().getGeneration()).isGreaterThan(workGenerationBefore);
    assertThat(rewritten.getStatus().getObservedGeneration())
        .as("the agent's old status survives but no longer counts as picked up")
        .isEqualTo(workGenerationBefore);
    assertThat(AgentDeadline.isPickedUp(rewritten)).isFalse();
  }

  @Test
  void noTargetsDeletesEveryNodeMigrationOfTheMigration() {
    dispatcher.dispatch(migration, existing(migration), plan("n1", "db-0"), () -> T0);
    NumaMigration other = client.resource(migration("cache", 1, podSpec("c-0", "0", "1"))).create();
    dispatcher.dispatch(other, existing(other), plan("n1", "c-0"), () -> T0);

    dispatcher.dispatch(migration, existing(migration), Map.of(), () -> T0);

    assertThat(stored()).extracting(n -> n.getMetadata().getName()).containsExactly("cache-n1");
  }

  @Test
  void longNamesAreShortenedStablyAndStayValid() {
    String longMigration = "m".repeat(200);
    String longNode = "node-" + "x".repeat(90) + ".example.com";

    String name = NodeMigrationDispatcher.nodeMigrationName(longMigration, longNode);

    assertThat(name).hasSizeLessThanOrEqualTo(253);
    assertThat(name).matches("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    assertThat(name).isEqualTo(NodeMigrationDispatcher.nodeMigrationName(longMigration, longNode));
    assertThat(name)
        .isNotEqualTo(NodeMigrationDispatcher.nodeMigrationName(longMigration, longNode + "2"));
    assertThat(NodeMigrationDispatcher.nodeMigrationName("db", "n1")).isEqualTo("db-n1");
    assertThat(ApiGroup.labelValue(longNode)).startsWith("h-");
    assertThat(NodeMigrationDispatcher.nodeMigrationName("db", longNode))
        .isEqualTo("db-" + ApiGroup.labelValue(longNode));
  }

  @Test
  void longNodeNamesAreLabelledWithTheirHash() {
    String longNode = "node-" + "y".repeat(70);
    dispatcher.dispatch(migration, existing(migration), plan(longNode, "db-0"), () -> T0);

    NodeMigration work = stored().get(0);

    assertThat(work.getMetadata().getLabels())
        .containsEntry(ApiGroup.NODE_LABEL, ApiGroup.labelValue(longNode));
    assertThat(work.getSpec().getNodeName()).isEqualTo(longNode);
  }

  @Test
  void withdrawingMarksWorkNoAgentTookUnlessTheAgentWasFaster() {
    dispatcher.dispatch(migration, existing(migration), plan("n1", "db-0", "n2", "db-1"), () -> T0);
    NodeMigration seenByOperator = stored("db-n1");

    assertThat(dispatcher.withdraw(seenByOperator, T0.plusSeconds(60)))
        .hasValueSatisfying(
            w ->
                assertThat(w.getMetadata().getAnnotations())
                    .containsEntry(NodeMigrationAnnotations.WITHDRAWN_AT, "2026-11-05T10:01:00Z")
                    .containsKey(NodeMigrationAnnotations.DISPATCHED_AT));
    assertThat(NodeMigrationAnnotations.isWithdrawn(stored("db-n1"))).isTrue();
    assertThat(NodeMigrationAnnotations.isWithdrawn(seenByOperator))
        .as("the cached object is not modified")
        .isFalse();

    NodeMigration staleCopy = stored("db-n2");
    NodeMigration pickedUp = stored("db-n2");
    pickedUp.setStatus(NodeMigrationStatus.builder().observedGeneration(1L).build());
    client.resource(pickedUp).updateStatus();

    assertThat(dispatcher.withdraw(staleCopy, T0.plusSeconds(60)))
        .as("the agent picked it up after the operator read it")
        .isEmpty();
    assertThat(NodeMigrationAnnotations.isWithdrawn(stored("db-n2"))).isFalse();
  }
}
