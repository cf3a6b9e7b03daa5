package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.PauseDurations;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.MigrationSummary;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PhaseTally;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Computes a NumaMigration's status from its NodeMigrations, the pods the operator failed itself,
 * the previous status and the time. Pure: no API calls, so every outcome is unit-testable.
 */
public class StatusAggregator {
  /** Order of pods in status.pods: the ones needing attention first. */
  private static final Comparator<PodMigrationStatus> NEEDS_ATTENTION_FIRST =
      Comparator.comparing((PodMigrationStatus p) -> severity(p.getPhase()))
          .thenComparing(p -> Objects.toString(p.getNode(), ""))
          .thenComparing(p -> Objects.toString(p.getName(), ""));

  private final Clock clock;
  private final NodeMigrationReader reader;

  public StatusAggregator(Clock clock, AgentDeadline deadline) {
    this.clock = clock;
    this.reader = new NodeMigrationReader(deadline);
  }

  public Instant now() {
    return clock.instant();
  }

  /**
   * @param status the status to write
   * @param recheckAfter when to look again although nothing may have changed: some NodeMigration is
   *     still waiting for its agent and becomes overdue then
   */
  public record Result(NumaMigrationStatus status, Optional<Duration> recheckAfter) {}

  /** A run that cannot start (reason InvalidSpec or NoMatchingPods): Failed, nothing dispatched. */
  public NumaMigrationStatus rejected(
      NumaMigration migration, ConditionReason reason, String message) {
    Instant now = clock.instant();
    long generation = NodeMigrationDispatcher.generationOf(migration);
    NumaMigrationStatus previous = migration.getStatus();
    return NumaMigrationStatus.builder()
        .phase(MigrationPhase.Failed)
        .observedGeneration(generation)
        .summary(new MigrationSummary())
        .progress("0/0")
        .moved(ByteSizes.human(0))
        .completionTime(completionTime(previous, generation, now))
        .conditions(
            Conditions.after(previous == null ? null : previous.getConditions(), generation, now)
                .set(ConditionType.Accepted, false, reason, message)
                .set(ConditionType.Progressing, false, reason, message)
                .set(ConditionType.Ready, false, reason, message)
                .set(ConditionType.Stalled, true, reason, message)
                .toList())
        .build();
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
    NumaMigrationStatus previous = migration.getStatus();

    List<PodMigrationStatus> dispatched = new ArrayList<>();
    Optional<Duration> recheck = Optional.empty();
    for (NodeMigration nodeMigration : work) {
      NodeMigrationReader.NodePods read = reader.read(nodeMigration, now);
      dispatched.addAll(read.pods());
      recheck = earliest(recheck, read.recheckAfter());
    }
    dispatched.sort(NEEDS_ATTENTION_FIRST);
    List<PodMigrationStatus> all = new ArrayList<>(local.listed());
    all.addAll(dispatched);

    PhaseTally tally =
        PhaseTally.of(all.stream().map(PodMigrationStatus::getPhase).toList())
            .plusFailed(local.omitted());
    long bytesMoved = all.stream().mapToLong(PodMigrationStatus::getBytesMoved).sum();
    MigrationPhase phase = tally.phase();
    Instant started =
        newRun || previous == null ? now : Timestamps.parse(previous.getStartTime()).orElse(now);
    List<PodMigrationStatus> listed = PodListBound.listed(all);
    long longestCallMicros =
        all.stream().mapToLong(PodMigrationStatus::getLongestCallMicros).max().orElse(0);
    NumaMigrationStatus status =
        NumaMigrationStatus.builder()
            .phase(phase)
            .observedGeneration(generation)
            .summary(
                new MigrationSummary(
                    (int) tally.total(),
                    (int) tally.succeeded(),
                    (int) tally.notSucceeded(),
                    bytesMoved,
                    all.stream().mapToLong(PodMigrationStatus::getPagesNotMoved).sum(),
                    longestCallMicros,
                    notMovedByReason(all)))
            .progress(tally.done() + "/" + tally.total())
            .moved(ByteSizes.human(bytesMoved))
            .longestPause(longestCallMicros > 0 ? PauseDurations.human(longestCallMicros) : null)
            .startTime(Timestamps.format(started))
            .completionTime(phase.isTerminal() ? completionTime(previous, generation, now) : null)
            .pods(new ArrayList<>(listed))
            .podsOmitted(tally.total() > listed.size() ? (int) tally.total() - listed.size() : null)
            .conditions(
                conditions(
                    previous,
                    generation,
                    now,
                    StatusWording.accepted(dispatched.size(), work.size(), local.count()),
                    tally,
                    bytesMoved,
                    all))
            .build();
    return new Result(status, phase.isTerminal() ? Optional.empty() : recheck);
  }

  private static Map<String, Long> notMovedByReason(List<PodMigrationStatus> pods) {
    Map<String, Long> sum = new TreeMap<>();
    for (PodMigrationStatus pod : pods) {
      if (pod.getNotMovedByReason() != null) {
        pod.getNotMovedByReason().forEach((reason, pages) -> sum.merge(reason, pages, Long::sum));
      }
    }
    return sum;
  }

  private static List<Condition> conditions(
      NumaMigrationStatus previous,
      long generation,
      Instant now,
      String accepted,
      PhaseTally tally,
      long bytesMoved,
      List<PodMigrationStatus> pods) {
    Conditions conditions =
        Conditions.after(previous == null ? null : previous.getConditions(), generation, now)
            .set(ConditionType.Accepted, true, ConditionReason.Dispatched, accepted);
    String progress = StatusWording.progress(tally);
    MigrationPhase phase = tally.phase();
    if (phase == MigrationPhase.Running) {
      ConditionReason running =
          tally.pending() > 0 ? ConditionReason.WaitingForAgents : ConditionReason.MigrationRunning;
      return conditions
          .set(ConditionType.Progressing, true, running, progress)
          .set(ConditionType.Ready, false, ConditionReason.MigrationRunning, progress)
          .set(ConditionType.Reconciling, true, running, progress)
          .toList();
    }
    conditions.set(ConditionType.Progressing, false, ConditionReason.MigrationComplete, progress);
    if (tally.total() == 0) {
      return conditions
          .set(
              ConditionType.Ready,
              false,
              ConditionReason.NodeMigrationsDeleted,
              StatusWording.noWorkLeft(generation))
          .set(
              ConditionType.Stalled,
              true,
              ConditionReason.NodeMigrationsDeleted,
              StatusWording.noWorkLeft(generation))
          .toList();
    }
    String outcome = StatusWording.outcome(tally, bytesMoved, pods);
    conditions.set(
        ConditionType.Ready,
        phase == MigrationPhase.Succeeded,
        ConditionReason.ofPhase(phase),
        outcome);
    if (phase != MigrationPhase.Succeeded) {
      conditions.set(ConditionType.Stalled, true, ConditionReason.ofPhase(phase), outcome);
    }
    return conditions.toList();
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

  private static Optional<Duration> earliest(Optional<Duration> a, Optional<Duration> b) {
    if (a.isEmpty() || b.isEmpty()) {
      return a.isEmpty() ? b : a;
    }
    return Optional.of(a.get().compareTo(b.get()) <= 0 ? a.get() : b.get());
  }
}
