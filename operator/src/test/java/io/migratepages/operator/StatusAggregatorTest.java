package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.pickedUp;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.result;
import static io.migratepages.operator.Fixtures.work;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class StatusAggregatorTest {
  private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");
  private static final long MI = 1024L * 1024;

  private final MutableClock clock = new MutableClock(T0);
  private final StatusAggregator aggregator =
      new StatusAggregator(clock, new AgentDeadline(Duration.ofSeconds(60)));
  private final NumaMigration migration = migration("db", 3, podSpec("db-0", "all", "1"));

  private StatusAggregator.Result aggregate(List<NodeMigration> work, boolean newRun) {
    return aggregator.aggregate(migration, work, LocalFailures.NONE, newRun);
  }

  private static Condition condition(NumaMigrationStatus status, ConditionType type) {
    return Conditions.find(status.getConditions(), type).orElseThrow();
  }

  @Test
  void allPodsSucceededMakesTheMigrationSucceeded() {
    List<NodeMigration> work =
        List.of(
            pickedUp(
                work(migration, "n1", T0, 1, "a", "b"),
                MigrationPhase.Succeeded,
                withLongestCall(result("a", MigrationPhase.Succeeded, 200 * MI), 12_345),
                withLongestCall(result("b", MigrationPhase.Succeeded, 56 * MI), 800)));
    clock.advance(Duration.ofSeconds(5));

    NumaMigrationStatus status = aggregate(work, true).status();

    assertThat(status.getSummary().getLongestCallMicros()).isEqualTo(12_345);
    assertThat(status.getLongestPause()).as("the printer column").isEqualTo("12.3ms");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Succeeded);
    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getSummary().getPodsTargeted()).isEqualTo(2);
    assertThat(status.getSummary().getPodsSucceeded()).isEqualTo(2);
    assertThat(status.getSummary().getPodsFailed()).isZero();
    assertThat(status.getSummary().getBytesMoved()).isEqualTo(256 * MI);
    assertThat(status.getMoved()).isEqualTo("256Mi");
    assertThat(status.getProgress()).isEqualTo("2/2");
    assertThat(status.getStartTime()).isEqualTo("2026-11-05T10:00:05Z");
    assertThat(status.getCompletionTime()).isEqualTo("2026-11-05T10:00:05Z");
    assertThat(status.getPods()).extracting(PodMigrationStatus::getNode).containsOnly("n1");
    assertThat(status.getPodsOmitted()).isNull();
    assertThat(condition(status, ConditionType.Ready).getStatus()).isEqualTo("True");
    assertThat(condition(status, ConditionType.Ready).getMessage())
        .isEqualTo("2 pods migrated, 256Mi moved");
    assertThat(condition(status, ConditionType.Progressing).getStatus()).isEqualTo("False");
    assertThat(condition(status, ConditionType.Accepted).getMessage())
        .isEqualTo("2 pods on 1 node dispatched");
    assertThat(status.getConditions())
        .as("kstatus: Current, so neither Reconciling nor Stalled")
        .extracting(Condition::getType)
        .containsExactly("Accepted", "Progressing", "Ready");
    assertThat(status.getConditions()).allMatch(c -> c.getObservedGeneration() == 3L);
  }

  private static PodMigrationStatus withLongestCall(PodMigrationStatus pod, long micros) {
    pod.setLongestCallMicros(micros);
    return pod;
  }

  @Test
  void noLongestPauseBeforeAProcessMoved() {
    NumaMigrationStatus status =
        aggregate(
                List.of(pickedUp(work(migration, "n1", T0, 1, "a"), MigrationPhase.Running)), true)
            .status();

    assertThat(status.getLongestPause()).isNull();
  }

  @Test
  void someFailedPodsMakeItPartiallySucceeded() {
    List<NodeMigration> work =
        List.of(
            pickedUp(
                work(migration, "n1", T0, 1, "a"),
                MigrationPhase.Succeeded,
                result("a", MigrationPhase.Succeeded, MI)),
            pickedUp(
                work(migration, "n2", T0, 1, "b"),
                MigrationPhase.Failed,
                result("b", MigrationPhase.Failed, 0)));

    NumaMigrationStatus status = aggregate(work, true).status();

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(status.getSummary().getPodsSucceeded()).isEqualTo(1);
    assertThat(status.getSummary().getPodsFailed()).isEqualTo(1);
    assertThat(status.getPods().get(0).getName()).as("failures listed first").isEqualTo("b");
    Condition ready = condition(status, ConditionType.Ready);
    assertThat(ready.getStatus()).isEqualTo("False");
    assertThat(ready.getReason()).isEqualTo("PartiallySucceeded");
    assertThat(ready.getMessage()).contains("1 of 2 pods succeeded").contains("b (Failed");
    Condition stalled = condition(status, ConditionType.Stalled);
    assertThat(stalled.getStatus()).as("kstatus: Failed").isEqualTo("True");
    assertThat(stalled.getReason()).isEqualTo("PartiallySucceeded");
    assertThat(stalled.getMessage()).isEqualTo(ready.getMessage());
    assertThat(Conditions.find(status.getConditions(), ConditionType.Reconciling)).isEmpty();
  }

  @Test
  void partiallySucceededPodsCountAsFailedButKeepTheMigrationPartial() {
    List<NodeMigration> work =
        List.of(
            pickedUp(
                work(migration, "n1", T0, 1, "a", "b"),
                MigrationPhase.PartiallySucceeded,
                result("a", MigrationPhase.PartiallySucceeded, MI),
                result("b", MigrationPhase.Failed, 0)));

    NumaMigrationStatus status = aggregate(work, true).status();

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.PartiallySucceeded);
    assertThat(status.getSummary().getPodsSucceeded()).isZero();
    assertThat(status.getSummary().getPodsFailed()).isEqualTo(2);
  }

  @Test
  void everyPodFailedMakesItFailed() {
    List<NodeMigration> work =
        List.of(
            pickedUp(
                work(migration, "n1", T0, 1, "a", "b"),
                MigrationPhase.Failed,
                result("a", MigrationPhase.Failed, 0),
                result("b", MigrationPhase.Failed, 0)));

    NumaMigrationStatus status = aggregate(work, true).status();

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getSummary().getPodsFailed()).isEqualTo(2);
    assertThat(condition(status, ConditionType.Ready).getReason()).isEqualTo("Failed");
    assertThat(condition(status, ConditionType.Stalled).getReason()).isEqualTo("Failed");
  }

  @Test
  void podsNotYetReportedByARunningAgentAreRunning() {
    List<NodeMigration> work =
        List.of(
            pickedUp(
                work(migration, "n1", T0, 1, "a", "b"),
                MigrationPhase.Running,
                result("a", MigrationPhase.Succeeded, MI)));

    StatusAggregator.Result result = aggregate(work, true);

    assertThat(result.status().getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(result.status().getProgress()).isEqualTo("1/2");
    assertThat(result.status().getPods())
        .extracting(PodMigrationStatus::getName, PodMigrationStatus::getPhase)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("b", MigrationPhase.Running),
            org.assertj.core.groups.Tuple.tuple("a", MigrationPhase.Succeeded));
    assertThat(result.status().getCompletionTime()).isNull();
    assertThat(condition(result.status(), ConditionType.Progressing).getReason())
        .isEqualTo(ConditionReason.MigrationRunning.name());
    Condition reconciling = condition(result.status(), ConditionType.Reconciling);
    assertThat(reconciling.getStatus()).as("kstatus: InProgress").isEqualTo("True");
    assertThat(reconciling.getReason()).isEqualTo(ConditionReason.MigrationRunning.name());
    assertThat(Conditions.find(result.status().getConditions(), ConditionType.Stalled)).isEmpty();
    assertThat(result.recheckAfter()).isEmpty();
  }

  @Test
  void aNodeFailureWithoutPodEntriesFailsEveryPodWithTheNodeReason() {
    NodeMigration refused = pickedUp(work(migration, "n1", T0, 1, "a", "b"), MigrationPhase.Failed);
    refused.getStatus().setReason("AgentNotCapable");
    refused.getStatus().setMessage("missing CAP_SYS_NICE");

    NumaMigrationStatus status = aggregate(List.of(refused), true).status();

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getPods())
        .allSatisfy(
            p -> {
              assertThat(p.getReason()).isEqualTo("AgentNotCapable");
              assertThat(p.getMessage()).isEqualTo("missing CAP_SYS_NICE");
            });
  }

  @Test
  void workNotPickedUpIsPendingUntilTheAgentTimeoutThenAgentUnavailable() {
    NodeMigration waiting = work(migration, "n1", T0, 1, "a");
    clock.advance(Duration.ofSeconds(20));

    StatusAggregator.Result pending = aggregate(List.of(waiting), true);

    assertThat(pending.status().getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(pending.status().getPods().get(0).getPhase()).isEqualTo(MigrationPhase.Pending);
    assertThat(pending.status().getPods().get(0).getReason())
        .isEqualTo(PodReason.WaitingForAgent.name());
    assertThat(pending.recheckAfter()).contains(Duration.ofSeconds(40));
    assertThat(condition(pending.status(), ConditionType.Progressing).getReason())
        .isEqualTo(ConditionReason.WaitingForAgents.name());

    clock.advance(Duration.ofSeconds(39));
    assertThat(aggregate(List.of(waiting), true).recheckAfter()).contains(Duration.ofSeconds(1));

    clock.advance(Duration.ofSeconds(5));
    StatusAggregator.Result overdue = aggregate(List.of(waiting), true);
    assertThat(overdue.status().getPods().get(0).getPhase())
        .as("the clock alone decides nothing: the operator withdraws the work first")
        .isEqualTo(MigrationPhase.Pending);
    assertThat(overdue.recheckAfter()).contains(Duration.ofSeconds(1));

    NodeMigration withdrawn = withdrawn(waiting, clock.instant());
    StatusAggregator.Result timedOut = aggregate(List.of(withdrawn), true);

    assertThat(timedOut.status().getPhase()).isEqualTo(MigrationPhase.Failed);
    PodMigrationStatus pod = timedOut.status().getPods().get(0);
    assertThat(pod.getReason()).isEqualTo(PodReason.AgentUnavailable.name());
    assertThat(pod.getMessage()).contains("n1").contains("1m");
    assertThat(timedOut.recheckAfter()).isEmpty();
  }

  @Test
  void aLateAgentCannotReopenAWithdrawnRun() {
    NodeMigration withdrawn = withdrawn(work(migration, "n1", T0, 1, "a"), T0.plusSeconds(60));
    clock.advance(Duration.ofSeconds(61));
    NumaMigrationStatus failed = aggregate(List.of(withdrawn), true).status();
    migration.setStatus(failed);

    clock.advance(Duration.ofSeconds(30));
    assertThat(aggregate(List.of(withdrawn), false).status())
        .as("a withdrawn NodeMigration keeps its outcome")
        .isEqualTo(failed);
  }

  @Test
  void theEarliestDeadlineDecidesTheRecheck() {
    NodeMigration early = work(migration, "n1", T0, 1, "a");
    NodeMigration late = work(migration, "n2", T0.plusSeconds(30), 1, "b");
    clock.advance(Duration.ofSeconds(50));

    assertThat(aggregate(List.of(late, early), true).recheckAfter())
        .contains(Duration.ofSeconds(10));
  }

  @Test
  void aStatusOfAnOlderGenerationOfTheWorkIsNotAPickUp() {
    NodeMigration rewritten = pickedUp(work(migration, "n1", T0, 2, "a"), MigrationPhase.Succeeded);
    rewritten.getStatus().setObservedGeneration(1L);

    StatusAggregator.Result result = aggregate(List.of(rewritten), true);

    assertThat(result.status().getPods().get(0).getPhase()).isEqualTo(MigrationPhase.Pending);
  }

  @Test
  void localFailuresComeFirstAndCountAndAreRecoveredFromStatus() {
    PodMigrationStatus notRunning = new PodMigrationStatus();
    notRunning.setName("z-pending");
    notRunning.setPhase(MigrationPhase.Failed);
    notRunning.setReason(PodReason.PodNotScheduled.name());
    List<NodeMigration> work =
        List.of(
            pickedUp(
                work(migration, "n1", T0, 1, "a"),
                MigrationPhase.Running,
                result("a", MigrationPhase.Failed, 0)));

    NumaMigrationStatus first =
        aggregator
            .aggregate(migration, work, new LocalFailures(List.of(notRunning), 0), true)
            .status();

    assertThat(first.getPods())
        .extracting(PodMigrationStatus::getName)
        .containsExactly("z-pending", "a");
    assertThat(first.getSummary().getPodsTargeted()).isEqualTo(2);
    assertThat(first.getSummary().getPodsFailed()).isEqualTo(2);
    assertThat(first.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(condition(first, ConditionType.Accepted).getMessage())
        .isEqualTo("1 pod on 1 node dispatched; 1 pod not migratable");

    migration.setStatus(first);
    LocalFailures recovered = LocalFailures.fromStatus(first, work);
    assertThat(recovered.listed()).containsExactly(notRunning);
    assertThat(aggregator.aggregate(migration, work, recovered, false).status()).isEqualTo(first);
  }

  @Test
  void thePodListIsBoundedButTheSummaryCountsEveryPod() {
    int podCount = NumaMigrationStatus.MAX_PODS + 50;
    String[] names = IntStream.range(0, podCount).mapToObj(i -> "p" + i).toArray(String[]::new);
    List<PodMigrationStatus> results = new ArrayList<>();
    for (int i = 0; i < podCount; i++) {
      results.add(
          result(names[i], i % 100 == 7 ? MigrationPhase.Failed : MigrationPhase.Succeeded, 1));
    }
    NodeMigration big =
        pickedUp(
            work(migration, "n1", T0, 1, names),
            MigrationPhase.PartiallySucceeded,
            results.toArray(PodMigrationStatus[]::new));

    NumaMigrationStatus status = aggregate(List.of(big), true).status();

    assertThat(status.getPods()).hasSize(NumaMigrationStatus.MAX_PODS);
    assertThat(status.getPodsOmitted()).isEqualTo(50);
    assertThat(status.getSummary().getPodsTargeted()).isEqualTo(podCount);
    assertThat(status.getSummary().getPodsFailed()).isEqualTo(3);
    assertThat(status.getSummary().getBytesMoved()).isEqualTo(podCount);
    assertThat(status.getPods().subList(0, 3))
        .extracting(PodMigrationStatus::getName)
        .containsExactly("p107", "p207", "p7");
  }

  @Test
  void localFailuresBeyondTheBoundAreStillCounted() {
    List<PodMigrationStatus> local = new ArrayList<>();
    for (int i = 0; i < NumaMigrationStatus.MAX_PODS + 5; i++) {
      PodMigrationStatus pod = new PodMigrationStatus();
      pod.setName(String.format("l%03d", i));
      pod.setPhase(MigrationPhase.Failed);
      pod.setReason(PodReason.PodNotRunning.name());
      local.add(pod);
    }
    List<NodeMigration> work =
        List.of(pickedUp(work(migration, "n1", T0, 1, "a"), MigrationPhase.Running));
    NumaMigrationStatus first =
        aggregator.aggregate(migration, work, new LocalFailures(local, 0), true).status();
    assertThat(first.getSummary().getPodsTargeted()).isEqualTo(NumaMigrationStatus.MAX_PODS + 6);
    assertThat(first.getPodsOmitted()).isEqualTo(6);

    LocalFailures recovered = LocalFailures.fromStatus(first, work);

    assertThat(recovered.listed()).hasSize(NumaMigrationStatus.MAX_PODS);
    assertThat(recovered.omitted()).isEqualTo(5);
    migration.setStatus(first);
    assertThat(aggregator.aggregate(migration, work, recovered, false).status().getSummary())
        .isEqualTo(first.getSummary());
  }

  @Test
  void aFewPodsKeepTheirProcessResults() {
    PodMigrationStatus reported = result("a", MigrationPhase.Succeeded, MI);
    ProcessMigrationStatus process = new ProcessMigrationStatus();
    process.setPid(42);
    reported.setProcesses(new ArrayList<>(List.of(process, process)));
    reported.setProcessesOmitted(3);

    NumaMigrationStatus status =
        aggregate(
                List.of(
                    pickedUp(
                        work(migration, "n1", T0, 1, "a"), MigrationPhase.Succeeded, reported)),
                true)
            .status();

    assertThat(status.getPods().get(0).getProcesses())
        .extracting(p -> p.getPid())
        .containsExactly(42, 42);
    assertThat(status.getPods().get(0).getProcessesOmitted()).isEqualTo(3);
  }

  @Test
  void manyPodsShareABoundedProcessBudget() {
    assertThat(PodListBound.processesPerPod(1)).isEqualTo(PodMigrationStatus.MAX_PROCESSES);
    assertThat(PodListBound.processesPerPod(16)).isEqualTo(16);
    assertThat(PodListBound.processesPerPod(64)).isEqualTo(4);
    assertThat(PodListBound.processesPerPod(NumaMigrationStatus.MAX_PODS)).isEqualTo(1);
    for (int pods = 1; pods <= NumaMigrationStatus.MAX_PODS; pods++) {
      assertThat(Math.min(pods, NumaMigrationStatus.MAX_PODS) * PodListBound.processesPerPod(pods))
          .as("entries for %d pods", pods)
          .isLessThanOrEqualTo(
              Math.max(NumaMigrationStatus.MAX_PROCESS_ENTRIES, NumaMigrationStatus.MAX_PODS));
    }
  }

  @Test
  void transitionTimesChangeOnlyWithTheConditionStatus() {
    NodeMigration work = pickedUp(work(migration, "n1", T0, 1, "a"), MigrationPhase.Running);
    NumaMigrationStatus running = aggregate(List.of(work), true).status();
    migration.setStatus(running);
    assertThat(condition(running, ConditionType.Ready).getLastTransitionTime())
        .isEqualTo("2026-11-05T10:00:00Z");

    clock.advance(Duration.ofSeconds(30));
    NumaMigrationStatus stillRunning = aggregate(List.of(work), false).status();
    assertThat(stillRunning).as("nothing changed, nothing to write").isEqualTo(running);

    clock.advance(Duration.ofSeconds(30));
    work.getStatus().setPhase(MigrationPhase.Succeeded);
    work.getStatus().setPods(List.of(result("a", MigrationPhase.Succeeded, MI)));
    NumaMigrationStatus done = aggregate(List.of(work), false).status();

    assertThat(condition(done, ConditionType.Ready).getLastTransitionTime())
        .isEqualTo("2026-11-05T10:01:00Z");
    assertThat(condition(done, ConditionType.Progressing).getLastTransitionTime())
        .isEqualTo("2026-11-05T10:01:00Z");
    assertThat(condition(done, ConditionType.Accepted).getLastTransitionTime())
        .isEqualTo("2026-11-05T10:00:00Z");
    assertThat(done.getStartTime()).isEqualTo("2026-11-05T10:00:00Z");
    assertThat(done.getCompletionTime()).isEqualTo("2026-11-05T10:01:00Z");

    migration.setStatus(done);
    clock.advance(Duration.ofMinutes(5));
    assertThat(aggregate(List.of(work), false).status())
        .as("completion time and conditions kept once terminal")
        .isEqualTo(done);
  }

  @Test
  void aNewGenerationKeepsTransitionTimesOfUnchangedConditionsButRestartsTheRun() {
    NodeMigration work = pickedUp(work(migration, "n1", T0, 1, "a"), MigrationPhase.Running);
    migration.setStatus(aggregate(List.of(work), true).status());
    clock.advance(Duration.ofMinutes(1));
    migration.getMetadata().setGeneration(4L);
    NodeMigration next = work(migration, "n1", clock.instant(), 2, "a");

    NumaMigrationStatus status = aggregate(List.of(next), true).status();

    assertThat(status.getObservedGeneration()).isEqualTo(4);
    assertThat(status.getStartTime()).isEqualTo("2026-11-05T10:01:00Z");
    assertThat(condition(status, ConditionType.Accepted).getLastTransitionTime())
        .isEqualTo("2026-11-05T10:00:00Z");
    assertThat(condition(status, ConditionType.Accepted).getObservedGeneration()).isEqualTo(4);
  }

  @Test
  void rejectedRunsFailWithTheReasonOnEveryCondition() {
    NumaMigrationStatus status =
        aggregator.rejected(migration, ConditionReason.InvalidSpec, "spec.toNodes: bad");

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(status.getObservedGeneration()).isEqualTo(3);
    assertThat(status.getStartTime()).isNull();
    assertThat(status.getCompletionTime()).isEqualTo("2026-11-05T10:00:00Z");
    assertThat(status.getConditions())
        .extracting(Condition::getType, Condition::getStatus, Condition::getReason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("Accepted", "False", "InvalidSpec"),
            org.assertj.core.groups.Tuple.tuple("Progressing", "False", "InvalidSpec"),
            org.assertj.core.groups.Tuple.tuple("Ready", "False", "InvalidSpec"),
            org.assertj.core.groups.Tuple.tuple("Stalled", "True", "InvalidSpec"));
    assertThat(status.getConditions()).allMatch(c -> "spec.toNodes: bad".equals(c.getMessage()));
  }

  @Test
  void noWorkLeftIsAFailureNotAVacuousSuccess() {
    NumaMigrationStatus status = aggregate(List.of(), false).status();

    assertThat(status.getPhase()).isEqualTo(MigrationPhase.Failed);
    assertThat(condition(status, ConditionType.Ready).getReason())
        .isEqualTo(ConditionReason.NodeMigrationsDeleted.name());
  }

  private static NodeMigration withdrawn(NodeMigration work, Instant at) {
    work.getMetadata()
        .setAnnotations(
            java.util.Map.of(
                NodeMigrationAnnotations.DISPATCHED_AT,
                work.getMetadata().getAnnotations().get(NodeMigrationAnnotations.DISPATCHED_AT),
                NodeMigrationAnnotations.WITHDRAWN_AT,
                at.toString()));
    return work;
  }
}
