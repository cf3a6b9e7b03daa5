package io.migratepages.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.agent.status.PodResultBuilder;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeMigrationErrorStatusTest {
  private static final Instant NOW = Instant.parse("2026-11-05T10:15:30Z");
  private static final KubernetesClientException API_DOWN =
      new KubernetesClientException("etcdserver: request timed out", 500, null);

  @Test
  void whileRetryingTheRunKeepsItsPodsAndSaysWhy() {
    NodeMigration work = runningWithPodADone();

    NodeMigrationStatus status = NodeMigrationErrorStatus.retrying(work, "agent-1", API_DOWN, NOW);

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(status.getReason()).isEqualTo(PodReason.AgentError.name());
    assertThat(status.getMessage())
        .isEqualTo(
            "retrying with back-off: the API server answered 500: etcdserver: request timed out");
    assertThat(status.getPods())
        .extracting(PodMigrationStatus::getPhase)
        .containsExactly(MigrationPhase.Succeeded, MigrationPhase.Pending);
    assertThat(work.getStatus().getReason()).as("the stored status is not modified").isNull();
  }

  @Test
  void givingUpFailsOnlyTheUnfinishedPods() {
    NodeMigration work = runningWithPodADone();

    NodeMigrationStatus status = NodeMigrationErrorStatus.gaveUp(work, "agent-1", API_DOWN, NOW);

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getPods())
        .extracting(PodMigrationStatus::getPhase, PodMigrationStatus::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(MigrationPhase.Succeeded, null),
            org.assertj.core.groups.Tuple.tuple(MigrationPhase.Failed, "AgentError"));
  }

  @Test
  void anErrorBeforePickUpStartsFromThePickedUpStatus() {
    NodeMigrationStatus status = NodeMigrationErrorStatus.gaveUp(work(), "agent-1", API_DOWN, NOW);

    assertThat(status.getAgent()).isEqualTo("agent-1");
    assertThat(status.getObservedGeneration()).isEqualTo(2L);
    assertThat(status.getPods()).hasSize(2).allMatch(p -> p.getPhase() == MigrationPhase.Failed);
  }

  private static NodeMigration runningWithPodADone() {
    NodeMigration work = work();
    NodeMigrationStatus running = NodeMigrationStatuses.pickedUp(work, "agent-1", NOW);
    PodMigrationStatus done = PodResultBuilder.pending("a", "n1");
    done.setPhase(MigrationPhase.Succeeded);
    NodeMigrationStatuses.putPod(running, done);
    work.setStatus(running);
    return work;
  }

  private static NodeMigration work() {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName("n1");
    spec.setPods(
        List.of(
            new TargetPod("a", "uid-a", "Burstable", List.of()),
            new TargetPod("b", "uid-b", "Burstable", List.of())));
    NodeMigration work = new NodeMigration();
    work.setMetadata(new ObjectMetaBuilder().withName("w").withGeneration(2L).build());
    work.setSpec(spec);
    return work;
  }
}
