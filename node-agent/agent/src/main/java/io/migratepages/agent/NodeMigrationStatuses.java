package io.migratepages.agent;

import io.migratepages.agent.status.PodResultBuilder;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.Plurals;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PhaseTally;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The NodeMigration status transitions an agent makes (docs/architecture.md, "The work order"),
 * free of any I/O.
 */
public final class NodeMigrationStatuses {
  private NodeMigrationStatuses() {}

  /**
   * Whether the agent has (more) work to do on this NodeMigration: none once the operator withdrew
   * it (no agent picked it up in time, and its pods are already reported AgentUnavailable).
   */
  public static boolean needsWork(NodeMigration work) {
    if (NodeMigrationAnnotations.isWithdrawn(work)) {
      return false;
    }
    NodeMigrationStatus status = work.getStatus();
    return status == null
        || !Objects.equals(status.getObservedGeneration(), work.getMetadata().getGeneration())
        || status.getPhase() == null
        || !status.getPhase().isTerminal();
  }

  /**
   * The "picked up" status: phase Running for this generation, signed by {@code agent}. A run of
   * the same generation that an earlier agent left unfinished keeps its start time and the pods it
   * finished; every other pod is Pending.
   */
  public static NodeMigrationStatus pickedUp(NodeMigration work, String agent, Instant now) {
    NodeMigrationStatus previous = work.getStatus();
    boolean resuming =
        previous != null
            && Objects.equals(previous.getObservedGeneration(), work.getMetadata().getGeneration());
    String node = work.getSpec().getNodeName();
    Map<String, PodMigrationStatus> finished =
        resuming
            ? previous.getPods().stream()
                .filter(p -> p.getPhase() != null && p.getPhase().isTerminal())
                .collect(
                    Collectors.toMap(PodMigrationStatus::getName, Function.identity(), (a, b) -> a))
            : Map.of();

    NodeMigrationStatus status = new NodeMigrationStatus();
    status.setPhase(MigrationPhase.Running);
    status.setObservedGeneration(work.getMetadata().getGeneration());
    status.setAgent(agent);
    status.setStartTime(
        resuming && previous.getStartTime() != null
            ? previous.getStartTime()
            : Timestamps.format(now));
    List<PodMigrationStatus> pods = new ArrayList<>();
    for (TargetPod pod : work.getSpec().getPods()) {
      PodMigrationStatus done = finished.get(pod.getName());
      pods.add(done != null ? done : PodResultBuilder.pending(pod.getName(), node));
    }
    status.setPods(pods);
    return status;
  }

  /** Whether a pod's result for this generation is already final (a restarted agent skips it). */
  public static boolean isFinished(NodeMigrationStatus status, String pod) {
    return status.getPods().stream()
        .anyMatch(
            p -> p.getName().equals(pod) && p.getPhase() != null && p.getPhase().isTerminal());
  }

  /** Replaces the pod's entry (matched by name). */
  public static void putPod(NodeMigrationStatus status, PodMigrationStatus pod) {
    List<PodMigrationStatus> pods = status.getPods();
    for (int i = 0; i < pods.size(); i++) {
      if (pods.get(i).getName().equals(pod.getName())) {
        pods.set(i, pod);
        return;
      }
    }
    pods.add(pod);
  }

  /** The whole node's work failed before any pod ran: unfinished pods fail with the same reason. */
  public static void failAll(
      NodeMigrationStatus status, PodReason reason, String message, Instant now) {
    for (PodMigrationStatus pod : List.copyOf(status.getPods())) {
      if (pod.getPhase() == null || !pod.getPhase().isTerminal()) {
        putPod(status, PodResultBuilder.failed(pod.getName(), pod.getNode(), reason, message));
      }
    }
    status.setPhase(MigrationPhase.Failed);
    status.setReason(reason.name());
    status.setMessage(message);
    status.setCompletionTime(Timestamps.format(now));
  }

  /**
   * The final phase and summary, by the API's rule for combining pod phases ({@link PhaseTally}).
   */
  public static void complete(NodeMigrationStatus status, Instant now) {
    List<PodMigrationStatus> pods = status.getPods();
    PhaseTally tally = PhaseTally.of(pods.stream().map(PodMigrationStatus::getPhase).toList());
    long moved = pods.stream().mapToLong(PodMigrationStatus::getBytesMoved).sum();
    status.setPhase(tally.phase());
    status.setReason(null);
    status.setMessage(
        Plurals.of(tally.total(), "pod")
            + ": "
            + tally.succeeded()
            + " succeeded, "
            + tally.partially()
            + " partially succeeded, "
            + tally.failed()
            + " failed; moved "
            + ByteSizes.human(moved));
    status.setCompletionTime(Timestamps.format(now));
  }
}
