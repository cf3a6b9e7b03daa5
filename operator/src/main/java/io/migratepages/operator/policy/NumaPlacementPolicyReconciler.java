package io.migratepages.operator.policy;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.micrometer.core.instrument.MeterRegistry;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import io.migratepages.api.v1alpha1.PlacementAction;
import io.migratepages.api.v1alpha1.PolicyConditionReason;
import io.migratepages.api.v1alpha1.PolicyEventReason;
import io.migratepages.operator.Conditions;
import io.migratepages.operator.ErrorStatus;
import io.migratepages.operator.Instance;
import io.migratepages.operator.MigrationEvents;
import io.migratepages.operator.NodeMigrationDispatcher;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the memory of a NumaPlacementPolicy's pods on target: judges them from the agents'
 * NodeNumaReports ({@link PlacementEvaluator}), creates a NumaMigration owned by the policy for
 * each pod to move, keeps its last ten, and writes what it saw into the status. Judged again every
 * spec.checkInterval, when a report changes, and when one of its NumaMigrations changes.
 */
@ControllerConfiguration(name = NumaPlacementPolicyReconciler.NAME)
public class NumaPlacementPolicyReconciler implements Reconciler<NumaPlacementPolicy> {
  public static final String NAME = "numaplacementpolicy";

  private static final Logger LOG = LoggerFactory.getLogger(NumaPlacementPolicyReconciler.class);
  private static final Duration RETRY_STALE = Duration.ofSeconds(1);

  private final Clock clock;
  private final PolicySpecValidator validator = new PolicySpecValidator();
  private final PlacementEvaluator evaluator = new PlacementEvaluator();
  private final PolicyStatusAggregator aggregator = new PolicyStatusAggregator();
  private final NumaPlacementPolicyStatusRecorder recorder =
      new NumaPlacementPolicyStatusRecorder();
  private final PolicyPods pods;
  private final PolicyMoveWriter writer;
  private final PolicyEvents events;
  private final PolicyMetrics metrics;

  /** Quarkus wiring; also for a plain JOSDK {@code Operator}. */
  @Inject
  public NumaPlacementPolicyReconciler(
      KubernetesClient client, MeterRegistry registry, Clock clock) {
    this.clock = clock;
    this.pods = new PolicyPods(client);
    this.writer = new PolicyMoveWriter(client);
    this.events = new PolicyEvents(new MigrationEvents(client, clock, Instance.name()));
    this.metrics = new PolicyMetrics(registry);
  }

  @Override
  public List<EventSource<?, NumaPlacementPolicy>> prepareEventSources(
      EventSourceContext<NumaPlacementPolicy> context) {
    InformerEventSourceConfiguration<NumaMigration> migrations =
        InformerEventSourceConfiguration.from(NumaMigration.class, NumaPlacementPolicy.class)
            .withLabelSelector(ApiGroup.POLICY_LABEL)
            .withSecondaryToPrimaryMapper(
                Mappers.fromOwnerReferences(NumaPlacementPolicy.class, false))
            .build();
    InformerEventSourceConfiguration<NodeNumaReport> reports =
        InformerEventSourceConfiguration.from(NodeNumaReport.class, NumaPlacementPolicy.class)
            .withWatchAllNamespaces()
            .withSecondaryToPrimaryMapper(new ReportToPolicies(context.getPrimaryCache()))
            .build();
    return List.of(
        new InformerEventSource<>(migrations, context),
        new InformerEventSource<>(reports, context));
  }

  @Override
  public UpdateControl<NumaPlacementPolicy> reconcile(
      NumaPlacementPolicy policy, Context<NumaPlacementPolicy> context) {
    NumaPlacementPolicyStatus before = policy.getStatus();
    Instant now = clock.instant();
    List<String> problems = validator.validate(policy.getSpec());
    if (!problems.isEmpty()) {
      NumaPlacementPolicyStatus after =
          aggregator.invalid(policy, String.join("; ", problems), now);
      return finish(policy, context, before, after, List.of(), List.of(), null);
    }
    PlacementRules rules = PlacementRules.of(policy.getSpec());
    PolicyHistory history = PolicyHistory.of(context.getSecondaryResources(NumaMigration.class));
    history.expired().forEach(writer::delete);
    List<PastMove> past = new ArrayList<>(history.moves());
    past.addAll(PolicyStatusAggregator.remembered(before));
    Evaluation evaluation =
        evaluator.evaluate(rules, pods.of(policy), reportsOf(context), past, now);
    List<NumaMigration> created = new ArrayList<>();
    for (Move move : evaluation.moves()) {
      NumaMigration migration = writer.create(policy, move, now);
      recorder.rememberCreated(policy, context, migration);
      created.add(migration);
      LOG.info(
          "NumaPlacementPolicy {}/{}: pod {} off target, created NumaMigration {} ({} -> {})",
          policy.getMetadata().getNamespace(),
          policy.getMetadata().getName(),
          move.pod(),
          migration.getMetadata().getName(),
          move.fromNodes(),
          move.toNodes());
    }
    metrics.acted(policy, created.size());
    PolicyHistory current = history.with(created);
    NumaPlacementPolicyStatus after = aggregator.aggregate(policy, rules, evaluation, current, now);
    Duration next = rules.checkInterval();
    if (evaluation.nextCooldownEnd().isPresent()) {
      Duration untilCooldownEnds =
          Duration.between(now, evaluation.nextCooldownEnd().get()).plus(RETRY_STALE);
      next = untilCooldownEnds.compareTo(next) < 0 ? untilCooldownEnds : next;
    }
    return finish(policy, context, before, after, created, current.kept(), next);
  }

  private UpdateControl<NumaPlacementPolicy> finish(
      NumaPlacementPolicy policy,
      Context<NumaPlacementPolicy> context,
      NumaPlacementPolicyStatus before,
      NumaPlacementPolicyStatus after,
      List<NumaMigration> created,
      List<NumaMigration> kept,
      Duration next) {
    UpdateControl<NumaPlacementPolicy> control = UpdateControl.noUpdate();
    if (!Objects.equals(before, after)) {
      if (!recorder.write(policy, after, context)) {
        return control.rescheduleAfter(RETRY_STALE);
      }
      events.publish(policy, PolicyEvents.plan(before, after, created));
      countMoved(policy, before, after, kept);
      metrics.offTarget(context.getPrimaryCache().list().toList());
    }
    return next == null ? control : control.rescheduleAfter(next);
  }

  /** Bytes moved by actions that ended since the last status. */
  private void countMoved(
      NumaPlacementPolicy policy,
      NumaPlacementPolicyStatus before,
      NumaPlacementPolicyStatus after,
      List<NumaMigration> kept) {
    Map<String, NumaMigration> byName =
        kept.stream()
            .collect(Collectors.toMap(m -> m.getMetadata().getName(), Function.identity()));
    for (PlacementAction action : PolicyEvents.justFinished(before, after)) {
      NumaMigration migration = byName.get(action.getNumaMigration());
      if (migration != null) {
        metrics.moved(policy, PolicyHistory.bytesMovedOf(migration));
      }
    }
  }

  /** The NodeNumaReport status of each Kubernetes node, from the informer's cache. */
  @SuppressWarnings("unchecked")
  private static Function<String, NodeNumaReportStatus> reportsOf(
      Context<NumaPlacementPolicy> context) {
    var source =
        (InformerEventSource<NodeNumaReport, NumaPlacementPolicy>)
            context.eventSourceRetriever().getEventSourceFor(NodeNumaReport.class);
    return node -> source.get(new ResourceID(node)).map(NodeNumaReport::getStatus).orElse(null);
  }

  /**
   * An API error: shown in the status (Ready False, ReconcileError) and as a Warning Event, while
   * JOSDK retries with back-off.
   */
  @Override
  public ErrorStatusUpdateControl<NumaPlacementPolicy> updateErrorStatus(
      NumaPlacementPolicy policy, Context<NumaPlacementPolicy> context, Exception error) {
    NumaPlacementPolicyStatus before = policy.getStatus();
    NumaPlacementPolicyStatus previous = before == null ? new NumaPlacementPolicyStatus() : before;
    String message = ErrorStatus.message(error);
    List<Condition> conditions = new ArrayList<>();
    previous.getConditions().stream()
        .filter(c -> !ConditionType.Ready.name().equals(c.getType()))
        .forEach(conditions::add);
    conditions.addAll(
        Conditions.after(
                previous.getConditions(),
                NodeMigrationDispatcher.generationOf(policy),
                clock.instant())
            .set(ConditionType.Ready, false, PolicyConditionReason.ReconcileError, message)
            .toList());
    NumaPlacementPolicyStatus after = previous.toBuilder().conditions(conditions).build();
    LOG.warn(
        "NumaPlacementPolicy {}/{}: {}",
        policy.getMetadata().getNamespace(),
        policy.getMetadata().getName(),
        message);
    try {
      if (!Objects.equals(before, after) && recorder.write(policy, after, context)) {
        events.publish(
            policy,
            List.of(
                new PolicyEvents.Planned(
                    MigrationEvents.WARNING, PolicyEventReason.ReconcileError, message)));
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not record the error in the status either: {}", e.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }
}
