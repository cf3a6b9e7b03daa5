package io.migratepages.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.micrometer.core.instrument.MeterRegistry;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
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
  private static final int HTTP_CONFLICT = 409;
  private static final Duration RETRY_STALE = Duration.ofSeconds(1);

  private final SpecValidator validator;
  private final TargetResolver resolver;
  private final NodeMigrationDispatcher dispatcher;
  private final StatusAggregator aggregator;
  private final MigrationEvents events;
  private final MigrationMetrics metrics;

  public NumaMigrationReconciler(
      SpecValidator validator,
      TargetResolver resolver,
      NodeMigrationDispatcher dispatcher,
      StatusAggregator aggregator,
      MigrationEvents events,
      MigrationMetrics metrics) {
    this.validator = validator;
    this.resolver = resolver;
    this.dispatcher = dispatcher;
    this.aggregator = aggregator;
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
    this(
        new SpecValidator(),
        new TargetResolver(client),
        new NodeMigrationDispatcher(client),
        new StatusAggregator(clock, agentTimeout),
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
    if (!Objects.equals(before, after)) {
      if (!writeStatus(migration, after, context)) {
        // Our copy was stale; the newer one's status change triggers no event, so look again.
        return control.rescheduleAfter(RETRY_STALE);
      }
      report(migration, before, after, newRun);
    }
    result.get().recheckAfter().ifPresent(control::rescheduleAfter);
    return control;
  }

  /** Metrics and Events for a status change that has been written. */
  private void report(
      NumaMigration migration,
      NumaMigrationStatus before,
      NumaMigrationStatus after,
      boolean newRun) {
    boolean wasTerminal =
        !newRun && before != null && before.getPhase() != null && before.getPhase().isTerminal();
    if (after.getPhase().isTerminal() && !wasTerminal) {
      metrics.finished(after);
    }
    events.publish(migration, MigrationEvents.plan(migration, before, after, newRun));
  }

  /**
   * Replaces the status with optimistic locking on the version this reconciliation read, and puts
   * the result into JOSDK's cache so the next reconciliation starts from it. The status is how this
   * operator remembers which generation it started; a write from a stale copy could start a run
   * twice, so it is refused (false) instead. Events and metrics follow only a successful write.
   */
  private static boolean writeStatus(
      NumaMigration migration, NumaMigrationStatus status, Context<NumaMigration> context) {
    migration.setStatus(status);
    try {
      NumaMigration written = context.getClient().resource(migration).updateStatus();
      context
          .eventSourceRetriever()
          .getControllerEventSource()
          .handleRecentResourceUpdate(ResourceID.fromResource(migration), written, migration);
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == HTTP_CONFLICT) {
        LOG.debug(
            "NumaMigration {}/{} changed since it was read; reconciling again",
            migration.getMetadata().getNamespace(),
            migration.getMetadata().getName());
        return false;
      }
      throw e;
    }
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
      dispatcher.dispatch(migration, Map.of(), aggregator.now());
      return Optional.of(
          new StatusAggregator.Result(
              aggregator.rejected(migration, Reasons.INVALID_SPEC, String.join("; ", problems)),
              Optional.empty()));
    }
    Targets targets = resolver.resolve(migration);
    if (targets.isEmpty()) {
      dispatcher.dispatch(migration, Map.of(), aggregator.now());
      return Optional.of(
          new StatusAggregator.Result(
              aggregator.rejected(
                  migration, Reasons.NO_MATCHING_PODS, "found no " + targets.what()),
              Optional.empty()));
    }
    NodeMigrationDispatcher.Dispatch dispatch =
        dispatcher.dispatch(migration, targets.podsByNode(), aggregator.now());
    remember(migration, context, dispatch);
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

  private Optional<StatusAggregator.Result> observeRun(
      NumaMigration migration, Context<NumaMigration> context) {
    boolean rejected =
        Conditions.find(migration.getStatus().getConditions(), Conditions.ACCEPTED)
            .map(c -> "False".equals(c.getStatus()))
            .orElse(false);
    if (rejected) {
      return Optional.empty();
    }
    long generation = NodeMigrationDispatcher.generationOf(migration);
    List<NodeMigration> work =
        context
            .getSecondaryResourcesAsStream(NodeMigration.class)
            .filter(n -> n.getSpec() != null && n.getSpec().getMigrationGeneration() == generation)
            .toList();
    return Optional.of(
        aggregator.aggregate(
            migration, work, LocalFailures.fromStatus(migration.getStatus(), work), false));
  }

  /**
   * Puts what the dispatch wrote into the informer's cache at once, so the next reconciliation sees
   * it even if the watch event has not arrived yet.
   */
  @SuppressWarnings("unchecked")
  private static void remember(
      NumaMigration migration,
      Context<NumaMigration> context,
      NodeMigrationDispatcher.Dispatch dispatch) {
    if (!(context.eventSourceRetriever().getEventSourceFor(NodeMigration.class)
        instanceof InformerEventSource<?, ?> source)) {
      return;
    }
    InformerEventSource<NodeMigration, NumaMigration> informer =
        (InformerEventSource<NodeMigration, NumaMigration>) source;
    ResourceID primary = ResourceID.fromResource(migration);
    dispatch.created().forEach(n -> informer.handleRecentResourceCreate(primary, n));
    dispatch
        .updated()
        .forEach(u -> informer.handleRecentResourceUpdate(primary, u.written(), u.previous()));
  }
}
