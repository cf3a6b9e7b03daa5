package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.pickedUp;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.result;
import static io.migratepages.operator.Fixtures.work;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.fabric8.kubernetes.api.model.Event;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.EventReason;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MigrationEventsTest {
  private static final Instant T0 = Instant.parse("2026-11-05T10:00:00Z");

  private final MutableClock clock = new MutableClock(T0);
  private final StatusAggregator aggregator =
      new StatusAggregator(clock, new AgentDeadline(Duration.ofSeconds(60)));
  private final NumaMigration migration = migration("db", 2, podSpec("db-0", "0", "1"));

  private List<MigrationEvents.Planned> plan(
      NumaMigrationStatus before, NumaMigrationStatus after, boolean newRun) {
    return MigrationEvents.plan(migration, before, after, newRun);
  }

  @Test
  void aNewRunStartsAndAFinishedOneEndsOnce() {
    NodeMigration work = pickedUp(work(migration, "n1", T0, 1, "a", "b"), MigrationPhase.Running);
    NumaMigrationStatus running =
        aggregator.aggregate(migration, List.of(work), LocalFailures.NONE, true).status();

    assertThat(plan(null, running, true))
        .extracting(MigrationEvents.Planned::type, e -> e.reason().name())
        .containsExactly(tuple("Normal", "MigrationStarted"));
    assertThat(plan(null, running, true).get(0).message())
        .isEqualTo("moving memory of 2 pods from NUMA nodes 0 to 1: 2 pods on 1 node dispatched");

    migration.setStatus(running);
    work.getStatus()
        .setPods(
            List.of(
                result("a", MigrationPhase.Succeeded, 1),
                result("b", MigrationPhase.Succeeded, 1)));
    NumaMigrationStatus done =
        aggregator.aggregate(migration, List.of(work), LocalFailures.NONE, false).status();

    assertThat(plan(running, done, false))
        .extracting(MigrationEvents.Planned::type, e -> e.reason().name())
        .containsExactly(tuple("Normal", "MigrationSucceeded"));
    assertThat(plan(done, done, false)).isEmpty();
  }

  @Test
  void aLocalRunSaysWhereLocalIsResolved() {
    assertThat(MigrationEvents.direction(podSpec("db-0", null, "local")))
        .isEqualTo(
            "to the NUMA nodes of each process's CPUs (toNodes local) from every other NUMA node"
                + " with memory");
    assertThat(MigrationEvents.direction(podSpec("db-0", "0", "local")))
        .isEqualTo("to the NUMA nodes of each process's CPUs (toNodes local) from NUMA nodes 0");
    assertThat(MigrationEvents.direction(podSpec("db-0", "0-1", "2-3")))
        .isEqualTo("from NUMA nodes 0-1 to 2-3");
  }

  @Test
  void podFailuresAreReportedOncePerPodPerGeneration() {
    NodeMigration work =
        pickedUp(
            work(migration, "n1", T0, 1, "a", "b", "c"),
            MigrationPhase.Running,
            result("a", MigrationPhase.Failed, 0));
    NumaMigrationStatus first =
        aggregator.aggregate(migration, List.of(work), LocalFailures.NONE, true).status();
    migration.setStatus(first);
    work.getStatus()
        .setPods(
            List.of(result("a", MigrationPhase.Failed, 0), result("b", MigrationPhase.Failed, 0)));
    NumaMigrationStatus second =
        aggregator.aggregate(migration, List.of(work), LocalFailures.NONE, false).status();

    assertThat(plan(null, first, true))
        .extracting(e -> e.reason().name())
        .containsExactly("MigrationStarted", "PodMigrationFailed");
    assertThat(plan(first, second, false))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.type()).isEqualTo("Warning");
              assertThat(e.message())
                  .isEqualTo("pod b on node n1: MigrationFailed: migrate_pages: EPERM");
            });
    assertThat(plan(first, second, true))
        .as("a new generation reports its failures again")
        .filteredOn(e -> e.reason() == EventReason.PodMigrationFailed)
        .hasSize(2);
  }

  @Test
  void manyFailuresAreCappedWithOneSummaryEvent() {
    String[] pods =
        IntStream.range(0, MigrationEvents.MAX_POD_EVENTS + 7)
            .mapToObj(i -> "p" + i)
            .toArray(String[]::new);
    NodeMigration work = work(migration, "n1", T0, 1, pods);
    work.getMetadata()
        .setAnnotations(
            java.util.Map.of(NodeMigrationAnnotations.WITHDRAWN_AT, "2026-11-05T10:01:00Z"));
    clock.advance(Duration.ofMinutes(2));
    NumaMigrationStatus timedOut =
        aggregator.aggregate(migration, List.of(work), LocalFailures.NONE, true).status();

    List<MigrationEvents.Planned> events = plan(null, timedOut, true);

    assertThat(events)
        .filteredOn(e -> e.reason() == EventReason.PodMigrationFailed)
        .hasSize(MigrationEvents.MAX_POD_EVENTS + 1);
    assertThat(events.get(events.size() - 2).message()).startsWith("7 more pods failed");
    assertThat(events.get(events.size() - 1).reason()).isEqualTo(EventReason.MigrationFailed);
  }

  @Test
  void nothingDispatchedIsNoStart() {
    PodMigrationStatus notRunning = new PodMigrationStatus();
    notRunning.setName("a");
    notRunning.setPhase(MigrationPhase.Failed);
    notRunning.setReason(PodReason.PodNotRunning.name());
    notRunning.setMessage("pod a is in phase Succeeded; only Running pods can be migrated");
    NumaMigrationStatus failed =
        aggregator
            .aggregate(migration, List.of(), new LocalFailures(List.of(notRunning), 0), true)
            .status();

    assertThat(plan(null, failed, true))
        .extracting(e -> e.reason().name())
        .containsExactly("PodMigrationFailed", "MigrationFailed");
  }

  @Test
  void partialSuccessIsAWarning() {
    NodeMigration work =
        pickedUp(
            work(migration, "n1", T0, 1, "a", "b"),
            MigrationPhase.PartiallySucceeded,
            result("a", MigrationPhase.Succeeded, 1),
            result("b", MigrationPhase.PartiallySucceeded, 1));
    NumaMigrationStatus done =
        aggregator.aggregate(migration, List.of(work), LocalFailures.NONE, true).status();

    assertThat(plan(null, done, true))
        .extracting(MigrationEvents.Planned::type, e -> e.reason().name())
        .containsExactly(
            tuple("Normal", "MigrationStarted"), tuple("Warning", "MigrationPartiallySucceeded"));
  }

  @Test
  void rejectedRunsGetOneWarning() {
    NumaMigrationStatus invalid =
        aggregator.rejected(migration, ConditionReason.InvalidSpec, "spec.toNodes: bad");
    NumaMigrationStatus noPods =
        aggregator.rejected(
            migration, ConditionReason.NoMatchingPods, "found no pod db-0 in namespace apps");

    assertThat(plan(null, invalid, true))
        .containsExactly(
            new MigrationEvents.Planned("Warning", EventReason.InvalidSpec, "spec.toNodes: bad"));
    assertThat(plan(null, noPods, true))
        .containsExactly(
            new MigrationEvents.Planned(
                "Warning",
                EventReason.MigrationFailed,
                "NoMatchingPods: found no pod db-0 in namespace apps"));
  }

  @Test
  void eventsNameTheMigrationAsInvolvedObject() {
    migration.getMetadata().setResourceVersion("7");
    Event event =
        new MigrationEvents(null, clock, "operator-0")
            .toEvent(
                migration,
                new MigrationEvents.Planned("Normal", EventReason.MigrationStarted, "go"));

    assertThat(event.getMetadata().getName()).startsWith("db.");
    assertThat(event.getMetadata().getNamespace()).isEqualTo("apps");
    assertThat(event.getInvolvedObject().getKind()).isEqualTo("NumaMigration");
    assertThat(event.getInvolvedObject().getApiVersion()).isEqualTo("migratepages.io/v1alpha1");
    assertThat(event.getInvolvedObject().getUid()).isEqualTo(migration.getMetadata().getUid());
    assertThat(event.getFirstTimestamp()).isEqualTo("2026-11-05T10:00:00Z");
    assertThat(event.getReportingInstance()).isEqualTo("operator-0");
    assertThat(event.getSource().getComponent()).isEqualTo("migratepages-operator");
  }
}
