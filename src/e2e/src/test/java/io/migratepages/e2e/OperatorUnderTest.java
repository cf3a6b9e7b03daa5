package io.migratepages.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.ConfigurationServiceOverrider;
import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.operator.NumaMigrationReconciler;
import io.migratepages.operator.policy.NumaPlacementPolicyReconciler;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * The cluster operator as the Deployment runs it, minus Quarkus: the real {@link
 * NumaMigrationReconciler} (validator, resolver, dispatcher, aggregator, events, metrics) in a
 * plain JOSDK operator watching every namespace, with a client of its own. Stop and start again to
 * simulate a restart of the operator pod.
 */
public final class OperatorUnderTest implements AutoCloseable {
  private final KubernetesClient client;
  private final Duration agentTimeout;
  private final Consumer<ConfigurationServiceOverrider> operatorSettings;
  private final Consumer<ControllerConfigurationOverrider<NumaMigration>> controllerSettings;
  private SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private ReconcilerStats reconciliations = new ReconcilerStats();
  private Operator operator;
  private boolean placementPolicies;

  public OperatorUnderTest(KubernetesClient client, Duration agentTimeout) {
    this(client, agentTimeout, o -> {}, c -> {});
  }

  /**
   * @param operatorSettings JOSDK operator-wide settings (thread pools, ...) beyond the client
   * @param controllerSettings settings of the NumaMigration controller (rate limiter, ...)
   */
  public OperatorUnderTest(
      KubernetesClient client,
      Duration agentTimeout,
      Consumer<ConfigurationServiceOverrider> operatorSettings,
      Consumer<ControllerConfigurationOverrider<NumaMigration>> controllerSettings) {
    this.client = client;
    this.agentTimeout = agentTimeout;
    this.operatorSettings = operatorSettings;
    this.controllerSettings = controllerSettings;
  }

  /** Also runs the {@link NumaPlacementPolicyReconciler}, as the Deployment does. */
  public synchronized OperatorUnderTest withPlacementPolicies() {
    placementPolicies = true;
    return this;
  }

  public synchronized OperatorUnderTest start() {
    if (operator != null) {
      throw new IllegalStateException("the operator is already running");
    }
    registry = new SimpleMeterRegistry();
    reconciliations = new ReconcilerStats();
    Operator started =
        new Operator(
            o -> {
              o.withKubernetesClient(client)
                  .withCloseClientOnStop(false)
                  .withMetrics(reconciliations);
              operatorSettings.accept(o);
            });
    started.register(
        new NumaMigrationReconciler(client, registry, agentTimeout, Clock.systemUTC()),
        c -> {
          c.watchingAllNamespaces();
          controllerSettings.accept(c);
        });
    if (placementPolicies) {
      started.register(
          new NumaPlacementPolicyReconciler(client, registry, Clock.systemUTC()),
          c -> c.watchingAllNamespaces());
    }
    started.start();
    operator = started;
    return this;
  }

  public synchronized void stop() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  /**
   * The Micrometer registry of the running (or last) operator process:
   * migratepages_migrations_total and friends. Each start begins with an empty one, as a restarted
   * pod does.
   */
  public SimpleMeterRegistry metrics() {
    return registry;
  }

  /** migratepages_migrations_total{result} of the running (or last) operator process. */
  public double migrationsCounted(String result) {
    return registry.get("migratepages.migrations").tag("result", result).counter().count();
  }

  /** Reconciliations of a NumaMigration the running (or last) operator process has finished. */
  public int reconciliationsOf(String namespace, String name) {
    return reconciliations.finished(namespace, name);
  }

  /** Counts and times of the running (or last) operator process's reconciliations. */
  public ReconcilerStats reconcilerStats() {
    return reconciliations;
  }

  @Override
  public void close() {
    stop();
  }
}
