package io.migratepages.operator;

import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.MigrationSummary;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Computes a NumaMigration's status from its NodeMigrations, the pods the operator failed itself,
 * the previous status and the time. Pure: no API calls, so every outcome is unit-testable.
 */
public class StatusAggregator {
  private static final Duration MIN_RECHECK = Duration.ofSeconds(1);
  private static final int FAILED_PODS_IN_MESSAGE = 3;

  private final Clock clock;
  private final Duration agentTimeout;

  public StatusAggregator(Clock clock, Duration agentTimeout) {
    this.clock = clock;
    this.agentTimeout = agentTimeout;
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * @param status the status to write
   * @param recheckAfter when to look again although nothing may have changed: some NodeMigration is
   *     still waiting for its agent and will time out then
   */
  public record Result(NumaMigrationStatus status, Optional<Duration> recheckAfter) {}

  /** A run that cannot start (reason InvalidSpec or NoMatchingPods): Failed, nothing dispatched. */
  public NumaMigrationStatus rejected(NumaMigration migration, String reason, String message) {
    Instant now = clock.instant();
    long generation = NodeMigrationDispatcher.generationOf(migration);
    NumaMigrationStatus previous = migration.getStatus();
    NumaMigrationStatus status = new NumaMigrationStatus();
    status.setPhase(MigrationPhase.Failed);
    status.setObservedGeneration(generation);
    status.setSummary(new MigrationSummary());
    status.setProgress("0/0");
    status.setMoved(ByteSizes.human(0));
    status.setCompletionTime(completionTime(previous, generation, now));
    status.setConditions(
        Conditions.after(previous == null ? null : previous.getConditions(), generation, now)
            .set(Conditions.ACCEPTED, false, reason, message)
            .set(Conditions.PROGRESSING, false, reason, message)
            .set(Conditions.READY, false, reason, message)
            .toList());
    return status;
  }

  /**
   * The status of a run in progress (or just dispatched, {@code newRun}).
   *
   * @param work the NodeMigrations of the NumaMigration's current generation
   */
  public Result aggregate(
      NumaMigration migration, List<NodeMigration> work, LocalFailures local, boolean newRun) {
    Instant now = clock.instant();
    long generation = NodeMigrationDispatcher.generationOf(migration);
    NumaMigrationStatus previous = newRun ? null : migration.getStatus();

    List<PodMigrationStatus> nodePods = new ArrayList<>();
    Optional<Duration> recheck = Optional.empty();
    for (NodeMigration nodeMigration : work) {
      NodeOutcome outcome = podsOf(nodeMigration, now);
      nodePods.addAll(outcome.pods());
      recheck = earliest(recheck, outcome.recheckAfter());
    }
    nodePods.sort(
        Comparator.comparing((PodMigrationStatus p) -> severity(p.getPhase()))
            .thenComparing(p -> Objects.toString(p.getNode(), ""))
            .thenComparing(p -> Objects.toString(p.getName(), "")));

    List<PodMigrationStatus> all = new ArrayList<>(local.listed());
    all.addAll(nodePods);
    int total = all.size() + local.omitted();
    long succeeded = count(all, MigrationPhase.Succeeded);
    long partially = count(all, MigrationPhase.PartiallySucceeded);
    long failed = count(all, MigrationPhase.Failed) + local.omitted();
    long pending = count(all, MigrationPhase.Pending);
    long done = succeeded + partially + failed;
    long bytesMoved = all.stream().mapToLong(PodMigrationStatus::getBytesMoved).sum();
    long pagesNotMoved = all.stream().mapToLong(PodMigrationStatus::getPagesNotMoved).sum();

    MigrationPhase phase;
    if (total == 0) {
      phase = MigrationPhase.Failed;
    } else if (done < total) {
      phase = MigrationPhase.Running;
    } else if (succeeded == total) {
      phase = MigrationPhase.Succeeded;
    } else if (failed == total) {
      phase = MigrationPhase.Failed;
    } else {
      phase = MigrationPhase.PartiallySucceeded;
    }

    NumaMigrationStatus status = new NumaMigrationStatus();
    status.setPhase(phase);
    status.setObservedGeneration(generation);
    status.setSummary(
        new MigrationSummary(
            total, (int) succeeded, (int) (partially + failed), bytesMoved, pagesNotMoved));
    status.setProgress(done + "/" + total);
    status.setMoved(ByteSizes.human(bytesMoved));
    Instant started =
        previous == null ? now : Timestamps.parse(previous.getStartTime()).orElse(now);
    status.setStartTime(Timestamps.format(started));
    if (phase.isTerminal()) {
      status.setCompletionTime(completionTime(migration.getStatus(), generation, now));
    }
    int listedPods = (int) Math.min(all.size(), NumaMigrationStatus.MAX_PODS);
    int processesPerPod = processesPerPod(listedPods);
    List<PodMigrationStatus> listed =
        all.stream()
            .limit(NumaMigrationStatus.MAX_PODS)
            .map(pod -> withFirstProcesses(pod, processesPerPod))
            .toList();
    status.setPods(new ArrayList<>(listed));
    status.setPodsOmitted(total > listed.size() ? total - listed.size() : null);

    int dispatchedPods = nodePods.size();
    String accepted =
        plural(dispatchedPods, "pod")
            + " on "
            + plural(work.size(), "node")
            + " dispatched"
            + (local.count() > 0 ? "; " + plural(local.count(), "pod") + " not migratable" : "");
    String progress = done + "/" + total + " pods done";
    Conditions conditions =
        Conditions.after(
                migration.getStatus() == null ? null : migration.getStatus().getConditions(),
                generation,
                now)
            .set(Conditions.ACCEPTED, true, Reasons.DISPATCHED, accepted);
    if (phase == MigrationPhase.Running) {
      conditions
          .set(
              Conditions.PROGRESSING,
              true,
              pending > 0 ? Reasons.WAITING_FOR_AGENTS : Reasons.MIGRATION_RUNNING,
              progress)
          .set(Conditions.READY, false, Reasons.MIGRATION_RUNNING, progress);
    } else {
      String outcome = outcomeMessage(phase, total, succeeded, bytesMoved, all);
      conditions
          .set(Conditions.PROGRESSING, false, Reasons.MIGRATION_COMPLETE, progress)
          .set(
              Conditions.READY,
              phase == MigrationPhase.Succeeded,
              total == 0 ? Reasons.NO_WORK_LEFT : phase.name(),
              total == 0 ? "no NodeMigration of generation " + generation + " exists" : outcome);
    }
    status.setConditions(conditions.toList());
    return new Result(status, phase.isTerminal() ? Optional.empty() : recheck);
  }

  private record NodeOutcome(List<PodMigrationStatus> pods, Optional<Duration> recheckAfter) {}

  private NodeOutcome podsOf(NodeMigration work, Instant now) {
    String node = work.getSpec().getNodeName();
    List<TargetPod> targets = work.getSpec().getPods();
    NodeMigrationStatus reported = work.getStatus();
    if (isPickedUp(work)) {
      Map<String, PodMigrationStatus> byName =
          reported.getPods() == null
              ? Map.of()
              : reported.getPods().stream()
                  .filter(p -> p.getName() != null)
                  .collect(
                      Collectors.toMap(
                          PodMigrationStatus::getName, Function.identity(), (a, b) -> b));
      List<PodMigrationStatus> pods = new ArrayList<>();
      for (TargetPod target : targets) {
        PodMigrationStatus pod = byName.get(target.getName());
        if (pod != null) {
          pods.add(copyOnNode(pod, node));
        } else if (reported.getPhase() != null && reported.getPhase().isTerminal()) {
          pods.add(
              pod(
                  target.getName(),
                  node,
                  MigrationPhase.Failed,
                  reported.getReason() == null ? Reasons.NOT_REPORTED : reported.getReason(),
                  reported.getMessage() == null
                      ? "the agent finished node " + node + " without reporting this pod"
                      : reported.getMessage()));
        } else {
          pods.add(
              pod(
                  target.getName(),
                  node,
                  MigrationPhase.Running,
                  null,
                  "agent " + reported.getAgent() + " is migrating the pods of node " + node));
        }
      }
      return new NodeOutcome(pods, Optional.empty());
    }
    Instant dispatchedAt = dispatchedAt(work).orElse(now);
    Instant deadline = dispatchedAt.plus(agentTimeout);
    boolean timedOut = !now.isBefore(deadline);
    List<PodMigrationStatus> pods =
        targets.stream()
            .map(
                t ->
                    timedOut
                        ? pod(
                            t.getName(),
                            node,
                            MigrationPhase.Failed,
                            Reasons.AGENT_UNAVAILABLE,
                            "no migratepages agent picked up NodeMigration "
                                + work.getMetadata().getName()
                                + " on node "
                                + node
                                + " within "
                                + human(agentTimeout)
                                + "; is the agent DaemonSet running on that node?")
                        : pod(
                            t.getName(),
                            node,
                            MigrationPhase.Pending,
                            Reasons.WAITING_FOR_AGENT,
                            "waiting up to "
                                + human(agentTimeout)
                                + " for the agent on node "
                                + node
                                + " to pick up the work"))
            .toList();
    Optional<Duration> recheck =
        timedOut
            ? Optional.empty()
            : Optional.of(max(Duration.between(now, deadline), MIN_RECHECK));
    return new NodeOutcome(pods, recheck);
  }

  /** The agent took this generation's work: it wrote status.observedGeneration for it. */
  static boolean isPickedUp(NodeMigration work) {
    NodeMigrationStatus status = work.getStatus();
    return status != null
        && status.getObservedGeneration() != null
        && status.getObservedGeneration() == NodeMigrationDispatcher.generationOf(work);
  }

  static Optional<Instant> dispatchedAt(NodeMigration work) {
    Map<String, String> annotations = work.getMetadata().getAnnotations();
    Optional<Instant> annotated =
        annotations == null
            ? Optional.empty()
            : Timestamps.parse(annotations.get(NodeMigrationDispatcher.DISPATCHED_AT));
    return annotated.or(() -> Timestamps.parse(work.getMetadata().getCreationTimestamp()));
  }

  private static String completionTime(NumaMigrationStatus previous, long generation, Instant now) {
    if (previous != null
        && Objects.equals(previous.getObservedGeneration(), generation)
        && previous.getPhase() != null
        && previous.getPhase().isTerminal()
        && previous.getCompletionTime() != null) {
      return previous.getCompletionTime();
    }
    return Timestamps.format(now);
  }

  private static String outcomeMessage(
      MigrationPhase phase,
      int total,
      long succeeded,
      long bytesMoved,
      List<PodMigrationStatus> pods) {
    String moved = ByteSizes.human(bytesMoved) + " moved";
    if (phase == MigrationPhase.Succeeded) {
      return plural(total, "pod") + " migrated, " + moved;
    }
    List<PodMigrationStatus> notSucceeded =
        pods.stream().filter(p -> p.getPhase() != MigrationPhase.Succeeded).toList();
    String examples =
        notSucceeded.stream()
            .limit(FAILED_PODS_IN_MESSAGE)
            .map(p -> p.getName() + " (" + p.getPhase() + ", " + p.getReason() + ")")
            .collect(Collectors.joining(", "));
    int more = (int) (total - succeeded) - Math.min(notSucceeded.size(), FAILED_PODS_IN_MESSAGE);
    return succeeded
        + " of "
        + plural(total, "pod")
        + " succeeded, "
        + moved
        + "; not succeeded: "
        + examples
        + (more > 0 ? " and " + more + " more" : "");
  }

  private static PodMigrationStatus copyOnNode(PodMigrationStatus reported, String node) {
    PodMigrationStatus copy = new PodMigrationStatus();
    copy.setName(reported.getName());
    copy.setNode(node);
    copy.setPhase(reported.getPhase() == null ? MigrationPhase.Running : reported.getPhase());
    copy.setReason(reported.getReason());
    copy.setMessage(reported.getMessage());
    copy.setBytesMoved(reported.getBytesMoved());
    copy.setPagesNotMoved(reported.getPagesNotMoved());
    copy.setContainers(
        reported.getContainers() == null
            ? new ArrayList<>()
            : new ArrayList<>(reported.getContainers()));
    copy.setProcesses(
        reported.getProcesses() == null
            ? new ArrayList<>()
            : new ArrayList<>(reported.getProcesses()));
    copy.setProcessesOmitted(reported.getProcessesOmitted());
    return copy;
  }

  /**
   * How many process entries each listed pod keeps: the NumaMigration lists up to 200 pods, and 16
   * processes for each would approach the object size limit, so they share a fixed budget.
   */
  static int processesPerPod(int listedPods) {
    if (listedPods == 0) {
      return PodMigrationStatus.MAX_PROCESSES;
    }
    int share = NumaMigrationStatus.MAX_PROCESS_ENTRIES / listedPods;
    return Math.max(1, Math.min(PodMigrationStatus.MAX_PROCESSES, share));
  }

  /** The agent lists failures and the biggest movers first, so the head is the telling part. */
  private static PodMigrationStatus withFirstProcesses(PodMigrationStatus pod, int limit) {
    List<ProcessMigrationStatus> processes =
        pod.getProcesses() == null ? List.of() : pod.getProcesses();
    if (processes.size() <= limit) {
      return pod;
    }
    int omitted =
        processes.size()
            - limit
            + (pod.getProcessesOmitted() == null ? 0 : pod.getProcessesOmitted());
    PodMigrationStatus copy = copyOnNode(pod, pod.getNode());
    copy.setProcesses(new ArrayList<>(processes.subList(0, limit)));
    copy.setProcessesOmitted(omitted);
    return copy;
  }

  private static PodMigrationStatus pod(
      String name, String node, MigrationPhase phase, String reason, String message) {
    PodMigrationStatus pod = new PodMigrationStatus();
    pod.setName(name);
    pod.setNode(node);
    pod.setPhase(phase);
    pod.setReason(reason);
    pod.setMessage(message);
    return pod;
  }

  /** Order of pods in status.pods: the ones needing attention first. */
  private static int severity(MigrationPhase phase) {
    if (phase == null) {
      return 5;
    }
    return switch (phase) {
      case Failed -> 0;
      case PartiallySucceeded -> 1;
      case Running -> 2;
      case Pending -> 3;
      case Succeeded -> 4;
    };
  }

  private static long count(List<PodMigrationStatus> pods, MigrationPhase phase) {
    return pods.stream().filter(p -> p.getPhase() == phase).count();
  }

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().compareTo(b.get()) <= 0 ? a.get() : b.get());
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  static String plural(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
