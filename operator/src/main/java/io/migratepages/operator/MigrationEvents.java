package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.api.format.Plurals;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.EventReason;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.numanodes.NumaNodeSpec;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * core/v1 Events on a NumaMigration, derived from the change between its old and new status, so a
 * restarted operator does not repeat them: MigrationStarted, PodMigrationFailed (once per pod per
 * generation, on its transition into Failed), and one terminal event.
 */
public class MigrationEvents {
  public static final String NORMAL = "Normal";
  public static final String WARNING = "Warning";

  /** Pod events per status change; beyond that one event counts the rest. */
  static final int MAX_POD_EVENTS = 20;

  private static final Logger LOG = LoggerFactory.getLogger(MigrationEvents.class);
  private static final int MAX_MESSAGE = 1024;
  private static final int MAX_NAME = 253;

  private final KubernetesClient client;
  private final Clock clock;
  private final String instance;

  /**
   * @param instance who reports, e.g. the operator's pod name
   */
  public MigrationEvents(KubernetesClient client, Clock clock, String instance) {
    this.client = client;
    this.clock = clock;
    this.instance = instance;
  }

  public record Planned(String type, EventReason reason, String message) {}

  /**
   * The events a status change calls for.
   *
   * @param before the status before this reconciliation (null if none)
   * @param newRun whether {@code after} starts a new generation's run
   */
  public static List<Planned> plan(
      NumaMigration migration,
      NumaMigrationStatus before,
      NumaMigrationStatus after,
      boolean newRun) {
    List<Planned> events = new ArrayList<>();
    Condition accepted =
        Conditions.find(after.getConditions(), ConditionType.Accepted).orElse(null);
    boolean rejected = accepted != null && "False".equals(accepted.getStatus());
    if (newRun && rejected && ConditionReason.InvalidSpec.name().equals(accepted.getReason())) {
      events.add(new Planned(WARNING, EventReason.InvalidSpec, accepted.getMessage()));
      return events;
    }
    long notMigratable =
        after.getPods().stream()
            .filter(p -> p.getPhase() == MigrationPhase.Failed)
            .filter(LocalFailures::isDecidedAtDispatch)
            .count();
    boolean dispatched = after.getSummary().getPodsTargeted() > notMigratable;
    if (newRun && !rejected && dispatched) {
      events.add(
          new Planned(
              NORMAL,
              EventReason.MigrationStarted,
              "moving memory of "
                  + Plurals.of(after.getSummary().getPodsTargeted(), "pod")
                  + " "
                  + direction(migration.getSpec())
                  + (accepted == null ? "" : ": " + accepted.getMessage())));
    }
    Set<String> failedBefore =
        newRun || before == null
            ? Set.of()
            : before.getPods().stream()
                .filter(p -> p.getPhase() == MigrationPhase.Failed)
                .map(PodMigrationStatus::getName)
                .collect(Collectors.toSet());
    List<PodMigrationStatus> newlyFailed =
        after.getPods().stream()
            .filter(p -> p.getPhase() == MigrationPhase.Failed)
            .filter(p -> !failedBefore.contains(p.getName()))
            .toList();
    newlyFailed.stream()
        .limit(MAX_POD_EVENTS)
        .forEach(
            p ->
                events.add(
                    new Planned(
                        WARNING,
                        EventReason.PodMigrationFailed,
                        "pod "
                            + p.getName()
                            + (p.getNode() == null ? "" : " on node " + p.getNode())
                            + ": "
                            + p.getReason()
                            + ": "
                            + p.getMessage())));
    if (newlyFailed.size() > MAX_POD_EVENTS) {
      events.add(
          new Planned(
              WARNING,
              EventReason.PodMigrationFailed,
              (newlyFailed.size() - MAX_POD_EVENTS)
                  + " more pods failed; see status.pods of the NumaMigration"));
    }
    if (justFinished(before, after, newRun)) {
      String message =
          Conditions.find(after.getConditions(), ConditionType.Ready)
              .map(c -> rejected ? c.getReason() + ": " + c.getMessage() : c.getMessage())
              .orElse("");
      events.add(
          new Planned(
              after.getPhase() == MigrationPhase.Succeeded ? NORMAL : WARNING,
              EventReason.ofPhase(after.getPhase()),
              message));
    }
    return events;
  }

  /**
   * Whether {@code after} ends this generation's run: a final phase that {@code before} did not
   * have for the same generation. A run reaches its final phase once (the operator withdraws work
   * no agent picked up, so no late result can reopen it), so this holds once per generation.
   */
  public static boolean justFinished(
      NumaMigrationStatus before, NumaMigrationStatus after, boolean newRun) {
    boolean wasTerminal =
        !newRun && before != null && before.getPhase() != null && before.getPhase().isTerminal();
    return after.getPhase() != null && after.getPhase().isTerminal() && !wasTerminal;
  }

  /** The Warning for a reconciliation that failed, with the message of its Ready condition. */
  public static Planned reconcileError(NumaMigrationStatus errorStatus) {
    return new Planned(
        WARNING,
        EventReason.ReconcileError,
        Conditions.find(errorStatus.getConditions(), ConditionType.Ready)
            .map(Condition::getMessage)
            .orElse(""));
  }

  /** Records the events; a failure to record is logged, never fails the reconciliation. */
  public void publish(NumaMigration migration, List<Planned> events) {
    for (Planned planned : events) {
      try {
        client.v1().events().resource(toEvent(migration, planned)).create();
      } catch (KubernetesClientException e) {
        LOG.warn(
            "Could not record event {} on NumaMigration {}/{}: {}",
            planned.reason().name(),
            migration.getMetadata().getNamespace(),
            migration.getMetadata().getName(),
            e.getMessage());
      }
    }
  }

  Event toEvent(NumaMigration migration, Planned planned) {
    return toEvent(migration, planned.type(), planned.reason().name(), planned.message());
  }

  /**
   * Records one event on any of our objects (e.g. a NumaPlacementPolicy); a failure to record is
   * logged, never thrown.
   */
  public void publishOn(HasMetadata object, String type, String reason, String message) {
    try {
      client.v1().events().resource(toEvent(object, type, reason, message)).create();
    } catch (KubernetesClientException e) {
      LOG.warn(
          "Could not record event {} on {} {}/{}: {}",
          reason,
          object.getKind(),
          object.getMetadata().getNamespace(),
          object.getMetadata().getName(),
          e.getMessage());
    }
  }

  Event toEvent(HasMetadata object, String type, String reason, String message) {
    String now = Timestamps.format(clock.instant());
    String suffix = "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String base = object.getMetadata().getName();
    if (base.length() + suffix.length() > MAX_NAME) {
      base = base.substring(0, MAX_NAME - suffix.length()).replaceAll("[-.]+$", "");
    }
    if (message != null && message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 3) + "...";
    }
    return new EventBuilder()
        .withNewMetadata()
        .withName(base + suffix)
        .withNamespace(object.getMetadata().getNamespace())
        .endMetadata()
        .withNewInvolvedObject()
        .withApiVersion(object.getApiVersion())
        .withKind(object.getKind())
        .withName(object.getMetadata().getName())
        .withNamespace(object.getMetadata().getNamespace())
        .withUid(object.getMetadata().getUid())
        .withResourceVersion(object.getMetadata().getResourceVersion())
        .endInvolvedObject()
        .withType(type)
        .withReason(reason)
        .withMessage(message)
        .withCount(1)
        .withFirstTimestamp(now)
        .withLastTimestamp(now)
        .withNewSource()
        .withComponent(NodeMigrationDispatcher.MANAGED_BY)
        .endSource()
        .withReportingComponent(NodeMigrationDispatcher.MANAGED_BY)
        .withReportingInstance(instance)
        .build();
  }

  /** From where to where, in words; {@code local} is resolved by the agents, per process. */
  static String direction(NumaMigrationSpec spec) {
    String from = SpecValidator.fromNodesOf(spec);
    if (NumaNodeSpec.LOCAL.equals(spec.getToNodes())) {
      return "to the NUMA nodes of each process's CPUs (toNodes local) from "
          + (from.equals("all") ? "every other NUMA node with memory" : "NUMA nodes " + from);
    }
    return "from NUMA nodes " + from + " to " + spec.getToNodes();
  }
}
