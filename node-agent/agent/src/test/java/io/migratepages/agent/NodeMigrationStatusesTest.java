package io.migratepages.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.agent.status.PodResultBuilder;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeMigrationStatusesTest {
  private static final Instant NOW = Instant.parse("2026-11-05T10:15:30.987Z");

  private static NodeMigration work(long generation, String... pods) {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName("n1");
    List<TargetPod> targets = new ArrayList<>();
    for (String pod : pods) {
      targets.add(new TargetPod(pod, "uid-" + pod, "Burstable", List.of()));
    }
    spec.setPods(targets);
    NodeMigration work = new NodeMigration();
    work.setMetadata(new ObjectMetaBuilder().withName("w").withGeneration(generation).build());
    work.setSpec(spec);
    return work;
  }

  private static PodMigrationStatus pod(String name, MigrationPhase phase) {
    PodMigrationStatus p = PodResultBuilder.pending(name, "n1");
    p.setPhase(phase);
    return p;
  }

  @Test
  void needsWorkUntilTerminalForTheCurrentGeneration() {
    NodeMigration w = work(2, "a");
    assertThat(NodeMigrationStatuses.needsWork(w)).isTrue();

    NodeMigrationStatus status = new NodeMigrationStatus();
    status.setObservedGeneration(2L);
    status.setPhase(MigrationPhase.Running);
    w.setStatus(status);
    assertThat(NodeMigrationStatuses.needsWork(w)).isTrue();

    status.setPhase(MigrationPhase.PartiallySucceeded);
    assertThat(NodeMigrationStatuses.needsWork(w)).isFalse();

    status.setObservedGeneration(1L);
    assertThat(NodeMigrationStatuses.needsWork(w)).isTrue();
  }

  @Test
  void freshPickUpListsEveryPodPendingAndDropsTheOldRun() {
    NodeMigration w = work(3, "a", "b");
    NodeMigrationStatus old = new NodeMigrationStatus();
    old.setObservedGeneration(2L);
    old.setPhase(MigrationPhase.Failed);
    old.setReason("AgentNotCapable");
    old.setCompletionTime("2026-01-01T00:00:00Z");
    old.setPods(new ArrayList<>(List.of(pod("a", MigrationPhase.Failed))));
    w.setStatus(old);

    NodeMigrationStatus s = NodeMigrationStatuses.pickedUp(w, "agent-1", NOW);

    assertThat(s.getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(s.getObservedGeneration()).isEqualTo(3L);
    assertThat(s.getAgent()).isEqualTo("agent-1");
    assertThat(s.getStartTime()).isEqualTo("2026-11-05T10:15:30Z");
    assertThat(s.getReason()).isNull();
    assertThat(s.getCompletionTime()).isNull();
    assertThat(s.getPods())
        .extracting(
            PodMigrationStatus::getName, PodMigrationStatus::getPhase, PodMigrationStatus::getNode)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", MigrationPhase.Pending, "n1"),
            org.assertj.core.groups.Tuple.tuple("b", MigrationPhase.Pending, "n1"));
  }

  @Test
  void resumedPickUpKeepsFinishedPodsAndStartTime() {
    NodeMigration w = work(3, "a", "b", "c");
    NodeMigrationStatus old = new NodeMigrationStatus();
    old.setObservedGeneration(3L);
    old.setPhase(MigrationPhase.Running);
    old.setStartTime("2026-11-05T09:00:00Z");
    PodMigrationStatus a = pod("a", MigrationPhase.PartiallySucceeded);
    a.setBytesMoved(42);
    old.setPods(new ArrayList<>(List.of(a, pod("b", MigrationPhase.Pending))));
    w.setStatus(old);

    NodeMigrationStatus s = NodeMigrationStatuses.pickedUp(w, "agent-2", NOW);

    assertThat(s.getStartTime()).isEqualTo("2026-11-05T09:00:00Z");
    assertThat(s.getAgent()).isEqualTo("agent-2");
    assertThat(NodeMigrationStatuses.isFinished(s, "a")).isTrue();
    assertThat(NodeMigrationStatuses.isFinished(s, "b")).isFalse();
    assertThat(NodeMigrationStatuses.isFinished(s, "c")).isFalse();
    assertThat(s.getPods().get(0).getBytesMoved()).isEqualTo(42);
  }

  @Test
  void finalPhaseFollowsThePods() {
    assertThat(completed(MigrationPhase.Succeeded, MigrationPhase.Succeeded).getPhase())
        .isEqualTo(MigrationPhase.Succeeded);
    assertThat(completed(MigrationPhase.Failed, MigrationPhase.Failed).getPhase())
        .isEqualTo(MigrationPhase.Failed);
    assertThat(completed(MigrationPhase.Succeeded, MigrationPhase.Failed).getPhase())
        .isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(completed(MigrationPhase.PartiallySucceeded).getPhase())
        .isEqualTo(MigrationPhase.PartiallySucceeded);
    NodeMigrationStatus s = completed(MigrationPhase.Succeeded, MigrationPhase.Failed);
    assertThat(s.getCompletionTime()).isEqualTo("2026-11-05T10:15:30Z");
    assertThat(s.getMessage()).startsWith("2 pods: 1 succeeded, 0 partially succeeded, 1 failed");
  }

  @Test
  void failAllKeepsPodsAlreadyFinished() {
    NodeMigrationStatus s = new NodeMigrationStatus();
    s.setPods(
        new ArrayList<>(
            List.of(pod("done", MigrationPhase.Succeeded), pod("todo", MigrationPhase.Pending))));

    NodeMigrationStatuses.failAll(s, PodReason.AgentNotCapable, "no CAP_SYS_NICE", NOW);

    assertThat(s.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(s.getReason()).isEqualTo("AgentNotCapable");
    assertThat(s.getPods().get(0).getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(s.getPods().get(1).getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(s.getPods().get(1).getReason()).isEqualTo("AgentNotCapable");
    assertThat(s.getPods().get(1).getNode()).isEqualTo("n1");
  }

  private static NodeMigrationStatus completed(MigrationPhase... phases) {
    NodeMigrationStatus s = new NodeMigrationStatus();
    List<PodMigrationStatus> pods = new ArrayList<>();
    for (int i = 0; i < phases.length; i++) {
      pods.add(pod("p" + i, phases[i]));
    }
    s.setPods(pods);
    NodeMigrationStatuses.complete(s, NOW);
    return s;
  }
}
