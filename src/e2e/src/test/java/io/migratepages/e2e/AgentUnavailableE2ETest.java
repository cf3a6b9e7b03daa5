package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Scenario 3: one node runs no agent; its pods fail with AgentUnavailable once the (short,
 * configured) agent timeout has passed, and an agent that starts later leaves the withdrawn work
 * alone (the run stays finished, its terminal Event is not repeated).
 */
class AgentUnavailableE2ETest extends EndToEndTest {
  private static final Map<String, String> JOB = Map.of("app", "etl");
  private static final Duration AGENT_TIMEOUT = Duration.ofSeconds(2);

  @Test
  void podsOfANodeWithoutAgentFailWithAgentUnavailableAfterTheTimeout() {
    String ns = namespace("batch");
    SimulatedKubeNode a = node("worker-a");
    SimulatedKubeNode b = node("worker-b");
    SimulatedPod etl0 = a.pod(ns, "etl-0").labels(JOB).container("etl", 24 * MI).run(kubectl);
    b.pod(ns, "etl-1").labels(JOB).run(kubectl);
    b.pod(ns, "etl-2").labels(JOB).run(kubectl);
    startOperator(AGENT_TIMEOUT);
    startAgent(a);

    long created = System.nanoTime();
    NumaMigration migration = create(Migrations.bySelector(ns, "move-etl", JOB, "all", "2"));
    NumaMigrationStatus status = awaitPhase(ns, "move-etl", MigrationPhase.PartiallySucceeded);
    capture(ns, "move-etl", "partially-succeeded-agent-unavailable");
    Duration took = Duration.ofNanos(System.nanoTime() - created);

    assertThat(took).isGreaterThanOrEqualTo(AGENT_TIMEOUT);
    for (String name : List.of("etl-1", "etl-2")) {
      PodMigrationStatus unavailable = pod(status, name);
      assertThat(unavailable.getPhase()).isEqualTo(MigrationPhase.Failed);
      assertThat(unavailable.getReason()).isEqualTo("AgentUnavailable");
      assertThat(unavailable.getNode()).isEqualTo("worker-b");
      assertThat(unavailable.getMessage())
          .contains("NodeMigration move-etl-worker-b")
          .contains("on node worker-b within 2s");
    }
    assertThat(pod(status, "etl-0").getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(status.getSummary().getPodsTargeted()).isEqualTo(3);
    assertThat(status.getSummary().getPodsSucceeded()).isEqualTo(1);
    assertThat(status.getSummary().getPodsFailed()).isEqualTo(2);
    assertThat(status.getSummary().getBytesMoved()).isEqualTo(etl0.totalBytes());
    assertThat(condition(status, "Ready").getReason()).isEqualTo("PartiallySucceeded");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");

    NodeMigration orphan =
        kubectl.resources(NodeMigration.class).inNamespace(ns).withName("move-etl-worker-b").get();
    assertThat(orphan.getStatus()).as("no agent ever picked it up").isNull();
    assertThat(b.migrator().calls()).isEmpty();
    assertThat(a.migrator().calls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.pid()).isEqualTo(etl0.pids().get(0));
              assertThat(call.from().toString()).isEqualTo("0-3");
              assertThat(call.to().toString()).isEqualTo("2");
            });

    List<Event> events =
        awaitEventReasons(
            migration,
            "MigrationStarted",
            "PodMigrationFailed",
            "PodMigrationFailed",
            "MigrationPartiallySucceeded");
    assertThat(events)
        .filteredOn(e -> e.getReason().equals("PodMigrationFailed"))
        .extracting(Event::getMessage)
        .allSatisfy(m -> assertThat(m).contains("on node worker-b: AgentUnavailable"))
        .anySatisfy(m -> assertThat(m).startsWith("pod etl-1 "))
        .anySatisfy(m -> assertThat(m).startsWith("pod etl-2 "));

    // The agent of worker-b comes late: the withdrawn work stays withdrawn.
    assertThat(orphan.getMetadata().getAnnotations())
        .containsKey(NodeMigrationAnnotations.WITHDRAWN_AT);
    startAgent(b);
    create(Migrations.byPodName(ns, "move-etl-1", "etl-1", "all", "2"));
    awaitPhase(ns, "move-etl-1", MigrationPhase.Succeeded);

    assertThat(b.migrator().calls()).as("only the new migration's work ran on worker-b").hasSize(1);
    assertThat(
            kubectl
                .resources(NodeMigration.class)
                .inNamespace(ns)
                .withName("move-etl-worker-b")
                .get()
                .getStatus())
        .isNull();
    NumaMigrationStatus after =
        kubectl
            .resources(NumaMigration.class)
            .inNamespace(ns)
            .withName("move-etl")
            .get()
            .getStatus();
    assertThat(after.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(after.getCompletionTime()).isEqualTo(status.getCompletionTime());
    assertThat(events(migration))
        .as("one terminal Event per generation")
        .extracting(Event::getReason)
        .containsExactlyInAnyOrder(
            "MigrationStarted",
            "PodMigrationFailed",
            "PodMigrationFailed",
            "MigrationPartiallySucceeded");
  }
}
