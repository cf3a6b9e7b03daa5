package io.migratepages.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.micrometer.core.instrument.MeterRegistry;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a NumaMigration into per-node NodeMigrations and their results back into its status.
 * Observe, validate, dispatch, aggregate; each step is its own class.
 */
@ControllerConfiguration(name = NumaMigrationReconciler.NAME)
public class NumaMigrationReconciler implements Reconciler<NumaMigration> {
  public static final String NAME = "numamigration";

  private static final Logger LOG = LoggerFactory.getLogger(NumaMigrationReconciler.class);
  private static final Duration RETRY_STALE = Duration.ofSeconds(1);

  /** The shortest time between two status writes of a run that stays Running. */
  static final Duration PROGRESS_WRITE_INTERVAL = Duration.ofSeconds(1);

  private final SpecValidator validator;
  private final TargetResolver resolver;
  private final NodeMigrationDispatcher dispatcher;
  private final AgentDeadline deadline;
  private final StatusAggregator aggregator;
  private final NumaMigrationStatusRecorder recorder;
  private final MigrationEvents events;
  private final MigrationMetrics metrics;
  private final ProgressWritePacing pacing =
      new ProgressWritePacing(PROGRESS_WRITE_INTERVAL, System::nanoTime);

  public NumaMigrationReconciler(
      SpecValidator validator,
      TargetResolver resolver,
      NodeMigrationDispatcher dispatcher,
      AgentDeadline deadline,
      StatusAggregator aggregator,
      NumaMigrationStatusRecorder recorder,
      MigrationEvents events,
      MigrationMetrics metrics) {
    this.validator = validator;
    this.resolver = resolver;
    this.dispatcher = dispatcher;
    this.deadline = deadline;
    this.aggregator = aggregator;
    this.recorder = recorder;
    this.events = events;
    this.metrics = metrics;
  }

  /** Quarkus wiring. */
  @Inject
  public NumaMigrationReconciler(
      KubernetesClient client, MeterRegistry registry, OperatorConfig config, Clock clock) {
    this(client, registry, config.agentTimeout(), clock);
  }

  /**
   * A reconciler with all its collaborators, without CDI, e.g. for a plain JOSDK {@code Operator}:
   * {@code operator.register(new NumaMigrationReconciler(client, registry, timeout, clock))}.
   */
  public NumaMigrationReconciler(
      KubernetesClient client, MeterRegistry registry, Duration agentTimeout, Clock clock) {
    this(client, registry, new AgentDeadline(agentTimeout), clock);
  }

  private NumaMigrationReconciler(
      KubernetesClient client, MeterRegistry registry, AgentDeadline deadline, Clock clock) {
    this(
        new SpecValidator(),
        new TargetResolver(client),
        new NodeMigrationDispatcher(client),
        deadline,
        new StatusAggregator(clock, deadline),
        new NumaMigrationStatusRecorder(),
        new MigrationEvents(client, clock, Instance.name()),
        new MigrationMetrics(registry));
  }

  @Override
  public List<EventSource<?, NumaMigration>> prepareEventSources(
      EventSourceContext<NumaMigration> context) {
    InformerEventSourceConfiguration<NodeMigration> nodeMigrations =
        InformerEventSourceConfiguration.from(NodeMigration.class, NumaMigration.class)
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(NumaMigration.class, false))
            .build();
    return List.of(new InformerEventSource<>(nodeMigrations, context));
  }

  @Override
  public UpdateControl<NumaMigration> reconcile(
      NumaMigration migration, Context<NumaMigration> context) {
    NumaMigrationStatus before = migration.getStatus();
    boolean newRun = isNewRun(migration);
    Optional<StatusAggregator.Result> result =
        newRun ? startRun(migration, context) : observeRun(migration, context);
    if (result.isEmpty()) {
      return UpdateControl.noUpdate();
    }
    NumaMigrationStatus after = result.get().status();
    UpdateControl<NumaMigration> control = UpdateControl.noUpdate();
    Optional<Duration> recheck = result.get().recheckAfter();
    if (!Objects.equals(before, after)) {
      Optional<Duration> heldBack = pacing.holdBack(migration, before, after);
      if (heldBack.isPresent()) {
        // the reconciliation then (or one a NodeMigration update starts sooner) writes it
        return control.rescheduleAfter(earliest(heldBack.get(), recheck));
      }
      if (!recorder.write(migration, after, context)) {
        // Our copy was stale; the newer one's status change triggers no event, so look again.
        return control.rescheduleAfter(RETRY_STALE);
      }
      pacing.written(migration, after);
      report(migration, before, after, newRun);
    }
    recheck.ifPresent(control::rescheduleAfter);
    return control;
  }

  private static Duration earliest(Duration wait, Optional<Duration> recheck) {
    return recheck.filter(r -> r.compareTo(wait) < 0).orElse(wait);
  }

  /**
   * An API error during dispatch or observation: shown in the status (Ready False, ReconcileError)
   * and as a Warning Event, while JOSDK retries with back-off.
   */
  @Override
  public ErrorStatusUpdateControl<NumaMigration> updateErrorStatus(
      NumaMigration migration, Context<NumaMigration> context, Exception error) {
    NumaMigrationStatus before = migration.getStatus();
    NumaMigrationStatus after = ErrorStatus.of(migration, error, aggregator.now());
    LOG.warn(
        "NumaMigration {}/{}: {}",
        migration.getMetadata().getNamespace(),
        migration.getMetadata().getName(),
        ErrorStatus.message(error));
    try {
      if (!Objects.equals(before, after) && recorder.write(migration, after, context)) {
        events.publish(migration, List.of(MigrationEvents.reconcileError(after)));
      }
    } catch (KubernetesClientException e) {
      LOG.warn("could not record the error in the status either: {}", e.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** Metrics and Events for a status change that has been written. */
  private void report(
      NumaMigration migration,
      NumaMigrationStatus before,
      NumaMigrationStatus after,
      boolean newRun) {
    if (MigrationEvents.justFinished(before, after, newRun)) {
      metrics.finished(after);
    }
    events.publish(migration, MigrationEvents.plan(migration, before, after, newRun));
  }

  /** A generation this operator has not started yet (including the very first one). */
  static boolean isNewRun(NumaMigration migration) {
    NumaMigrationStatus status = migration.getStatus();
    return status == null
        || !Objects.equals(
            status.getObservedGeneration(), NodeMigrationDispatcher.generationOf(migration));
  }

  private Optional<StatusAggregator.Result> startRun(
      NumaMigration migration, Context<NumaMigration> context) {
    List<String> problems = validator.validate(migration.getSpec());
    if (!problems.isEmpty()) {
      return Optional.of(
          reject(migration, context, ConditionReason.InvalidSpec, String.join("; ", problems)));
    }
    Targets targets = resolver.resolve(migration);
    if (targets.isEmpty()) {
      return Optional.of(
          reject(migration, context, ConditionReason.NoMatchingPods, "found no " + targets.what()));
    }
    NodeMigrationDispatcher.Dispatch dispatch =
        dispatcher.dispatch(
            migration,
            context.getSecondaryResources(NodeMigration.class),
            targets.podsByNode(),
            aggregator::now);
    recorder.rememberDispatch(migration, context, dispatch);
    LOG.info(
        "NumaMigration {}/{} generation {}: dispatched {} pods to {} nodes, {} not migratable",
        migration.getMetadata().getNamespace(),
        migration.getMetadata().getName(),
        migration.getMetadata().getGeneration(),
        targets.runnablePods(),
        targets.podsByNode().size(),
        targets.notRunnable().size());
    return Optional.of(
        aggregator.aggregate(migration, dispatch.current(), LocalFailures.of(targets), true));
  }

  /** A run that cannot start: the previous generation's NodeMigrations are removed, if any. */
  private StatusAggregator.Result reject(
      NumaMigration migration,
      Context<NumaMigration> context,
      ConditionReason reason,
      String message) {
    dispatcher.dispatch(
        migration, context.getSecondaryResources(NodeMigration.class), Map.of(), aggregator::now);
    return new StatusAggregator.Result(
        aggregator.rejected(migration, reason, message), Optional.empty());
  }

  private Optional<StatusAggregator.Result> observeRun(
      NumaMigration migration, Context<NumaMigration> context) {
    if (Conditions.isFalse(migration.getStatus().getConditions(), ConditionType.Accepted)) {
      return Optional.empty();
    }
    long generation = NodeMigrationDispatcher.generationOf(migration);
    Instant now = aggregator.now();
    List<NodeMigration> work =
        context
            .getSecondaryResourcesAsStream(NodeMigration.class)
            .filter(n -> n.getSpec() != null && n.getSpec().getMigrationGeneration() == generation)
            .map(n -> deadline.isOverdue(n, now) ? withdraw(migration, context, n, now) : n)
            .toList();
    return Optional.of(
        aggregator.aggregate(
            migration, work, LocalFailures.fromStatus(migration.getStatus(), work), false));
  }

  /** The withdrawn NodeMigration, or the one given if its agent picked it up meanwhile. */
  private NodeMigration withdraw(
      NumaMigration migration, Context<NumaMigration> context, NodeMigration work, Instant now) {
    Optional<NodeMigration> withdrawn = dispatcher.withdraw(work, now);
    withdrawn.ifPresent(
        written -> {
          recorder.rememberUpdate(migration, context, work, written);
          LOG.info(
              "NodeMigration {}/{}: no agent picked it up within {}; withdrawn",
              work.getMetadata().getNamespace(),
              work.getMetadata().getName(),
              Durations.human(deadline.timeout()));
        });
    return withdrawn.orElse(work);
  }
}
