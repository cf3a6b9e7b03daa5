package io.migratepages.operator;

import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The pod entries one NodeMigration stands for: what its agent reported, or that its pods wait for
 * the agent, or that the operator withdrew the work (AgentUnavailable).
 */
final class NodeMigrationReader {
  private static final Duration MIN_RECHECK = Duration.ofSeconds(1);

  private final AgentDeadline deadline;

  NodeMigrationReader(AgentDeadline deadline) {
    this.deadline = deadline;
  }

  /**
   * @param recheckAfter when to look again although nothing may have changed: the work waits for
   *     its agent and becomes overdue then
   */
  record NodePods(List<PodMigrationStatus> pods, Optional<Duration> recheckAfter) {}

  NodePods read(NodeMigration work, Instant now) {
    String node = work.getSpec().getNodeName();
    List<TargetPod> targets = work.getSpec().getPods();
    // Withdrawal is final: the withdraw was guarded by the resourceVersion, so any status on a
    // withdrawn work order was written after it and is ignored (docs/architecture.md, "The work
    // order").
    if (NodeMigrationAnnotations.isWithdrawn(work)) {
      String message =
          "no migratepages agent picked up NodeMigration "
              + work.getMetadata().getName()
              + " on node "
              + node
              + " within "
              + Durations.human(deadline.timeout())
              + "; is the agent DaemonSet running on that node?";
      return new NodePods(
          each(targets, t -> Pods.failed(t.getName(), node, PodReason.AgentUnavailable, message)),
          Optional.empty());
    }
    if (AgentDeadline.isPickedUp(work)) {
      return new NodePods(reported(work, node, targets), Optional.empty());
    }
    String waiting =
        "waiting up to "
            + Durations.human(deadline.timeout())
            + " for the agent on node "
            + node
            + " to pick up the work";
    Duration left = Duration.between(now, deadline.of(work, now));
    return new NodePods(
        each(
            targets,
            t ->
                Pods.of(
                    t.getName(), node, MigrationPhase.Pending, PodReason.WaitingForAgent, waiting)),
        Optional.of(left.compareTo(MIN_RECHECK) >= 0 ? left : MIN_RECHECK));
  }

  private static List<PodMigrationStatus> reported(
      NodeMigration work, String node, List<TargetPod> targets) {
    NodeMigrationStatus status = work.getStatus();
    Map<String, PodMigrationStatus> byName =
        status.getPods() == null
            ? Map.of()
            : status.getPods().stream()
                .filter(p -> p.getName() != null)
                .collect(
                    Collectors.toMap(
                        PodMigrationStatus::getName, Function.identity(), (a, b) -> b));
    boolean finished = status.getPhase() != null && status.getPhase().isTerminal();
    return each(
        targets,
        target -> {
          PodMigrationStatus pod = byName.get(target.getName());
          if (pod != null) {
            return pod.toBuilder()
                .node(node)
                .phase(pod.getPhase() == null ? MigrationPhase.Running : pod.getPhase())
                .build();
          }
          if (finished) {
            return PodMigrationStatus.builder()
                .name(target.getName())
                .node(node)
                .phase(MigrationPhase.Failed)
                .reason(
                    status.getReason() == null
                        ? PodReason.NotReportedByAgent.name()
                        : status.getReason())
                .message(
                    status.getMessage() == null
                        ? "the agent finished node " + node + " without reporting this pod"
                        : status.getMessage())
                .build();
          }
          return PodMigrationStatus.builder()
              .name(target.getName())
              .node(node)
              .phase(MigrationPhase.Running)
              .message(
                  status.getMessage() != null && status.getReason() != null
                      ? status.getReason() + ": " + status.getMessage()
                      : "agent " + status.getAgent() + " is migrating the pods of node " + node)
              .build();
        });
  }

  private static List<PodMigrationStatus> each(
      List<TargetPod> targets, Function<TargetPod, PodMigrationStatus> entry) {
    return targets.stream().map(entry).toList();
  }
}
