package io.migratepages.agent;

import io.migratepages.agent.status.ByteSize;
import io.migratepages.agent.status.PodResultBuilder;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The NodeMigration status transitions of PROTOCOL step 2, free of any I/O. */
public final class NodeStatuses {
  private NodeStatuses() {}

  /** Whether the agent has (more) work to do on this NodeMigration. */
  public static boolean needsWork(NodeMigration work) {
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
        resuming && previous.getStartTime() != null ? previous.getStartTime() : rfc3339(now));
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
      NodeMigrationStatus status, String reason, String message, Instant now) {
    for (PodMigrationStatus pod : List.copyOf(status.getPods())) {
      if (pod.getPhase() == null || !pod.getPhase().isTerminal()) {
        putPod(status, PodResultBuilder.failed(pod.getName(), pod.getNode(), reason, message));
      }
    }
    status.setPhase(MigrationPhase.Failed);
    status.setReason(reason);
    status.setMessage(message);
    status.setCompletionTime(rfc3339(now));
  }

  /**
   * The final phase: Succeeded if every pod succeeded, Failed if every pod failed, else
   * PartiallySucceeded.
   */
  public static void complete(NodeMigrationStatus status, Instant now) {
    List<PodMigrationStatus> pods = status.getPods();
    long succeeded = pods.stream().filter(p -> p.getPhase() == MigrationPhase.Succeeded).count();
    long failed = pods.stream().filter(p -> p.getPhase() == MigrationPhase.Failed).count();
    long moved = pods.stream().mapToLong(PodMigrationStatus::getBytesMoved).sum();
    MigrationPhase phase;
    if (succeeded == pods.size()) {
      phase = MigrationPhase.Succeeded;
    } else if (failed == pods.size()) {
      phase = MigrationPhase.Failed;
    } else {
      phase = MigrationPhase.PartiallySucceeded;
    }
    status.setPhase(phase);
    status.setReason(null);
    status.setMessage(
        pods.size()
            + (pods.size() == 1 ? " pod" : " pods")
            + ": "
            + succeeded
            + " succeeded, "
            + (pods.size() - succeeded - failed)
            + " partially succeeded, "
            + failed
            + " failed; moved "
            + ByteSize.human(moved));
    status.setCompletionTime(rfc3339(now));
  }

  /** RFC 3339 in UTC at second precision, as Kubernetes writes times. */
  public static String rfc3339(Instant instant) {
    return instant.truncatedTo(ChronoUnit.SECONDS).toString();
  }
}
