package io.migratepages.agent;

import io.javaoperatorsdk.operator.api.config.ControllerConfigurationOverrider;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.RetryInfo;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.migratepages.agent.NodeMigrationStatusWriter.PickedUp;
import io.migratepages.agent.NodeMigrationStatusWriter.WorkWithdrawnException;
import io.migratepages.agent.port.HostTopologyException;
import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Runs the NodeMigrations addressed to this node (docs/architecture.md, "The work order"): signals
 * pick-up (on the informer's copy, guarded by its resourceVersion), migrates pod after pod with a
 * status write after each, the last one also carrying the node's phase. Work the operator withdrew
 * (no agent picked it up in time) is never started. No leader election: one agent per node, and the
 * informer watches only this node's label.
 *
 * <p>Plain JOSDK: {@code operator.register(reconciler,
 * NodeMigrationReconciler.watching(identity))}. Quarkus: the selector comes from {@code
 * quarkus.operator-sdk.controllers.nodemigration.selector} (see {@link
 * NodeSelectorConfigSourceFactory}).
 */
@ControllerConfiguration(name = NodeMigrationReconciler.NAME)
public class NodeMigrationReconciler implements Reconciler<NodeMigration> {
  public static final String NAME = "nodemigration";

  private static final Logger LOG = Logger.getLogger(NodeMigrationReconciler.class);

  private final AgentIdentity identity;
  private final AgentCapabilities capabilities;
  private final WorkNumaNodes workNumaNodes;
  private final PodMigrationRunner podRunner;
  private final NodeMigrationStatusWriter writer;
  private final Clock clock;

  public NodeMigrationReconciler(
      AgentIdentity identity,
      AgentCapabilities capabilities,
      WorkNumaNodes workNumaNodes,
      PodMigrationRunner podRunner,
      NodeMigrationStatusWriter writer,
      Clock clock) {
    this.identity = identity;
    this.capabilities = capabilities;
    this.workNumaNodes = workNumaNodes;
    this.podRunner = podRunner;
    this.writer = writer;
    this.clock = clock;
  }

  /** The controller configuration for a plain JOSDK {@code Operator.register}. */
  public static Consumer<ControllerConfigurationOverrider<NodeMigration>> watching(
      AgentIdentity identity) {
    return o -> o.withLabelSelector(identity.labelSelector()).watchingAllNamespaces();
  }

  @Override
  public UpdateControl<NodeMigration> reconcile(
      NodeMigration cached, Context<NodeMigration> context) {
    if (!identity.serves(cached) || !NodeMigrationStatuses.needsWork(cached)) {
      return UpdateControl.noUpdate();
    }
    Optional<PickedUp> pickedUp =
        writer.pickUp(
            cached,
            work -> identity.serves(work) && NodeMigrationStatuses.needsWork(work),
            work -> NodeMigrationStatuses.pickedUp(work, identity.agentName(), clock.instant()));
    if (pickedUp.isPresent()) {
      try {
        run(pickedUp.get().work(), pickedUp.get().status());
      } catch (WorkWithdrawnException e) {
        LOG.infof("stopped: %s", e.getMessage());
      }
    }
    return UpdateControl.noUpdate();
  }

  /**
   * An error JOSDK retries: shown on the NodeMigration (reason AgentError) while retrying, and as
   * every unfinished pod Failed once the last attempt failed.
   */
  @Override
  public ErrorStatusUpdateControl<NodeMigration> updateErrorStatus(
      NodeMigration cached, Context<NodeMigration> context, Exception error) {
    boolean lastAttempt = context.getRetryInfo().map(RetryInfo::isLastAttempt).orElse(true);
    LOG.warnf(
        error,
        "%s: %s",
        NodeMigrationStatusWriter.describe(cached),
        lastAttempt ? "giving up" : "retrying with back-off");
    try {
      writer
          .latest(cached)
          .filter(identity::serves)
          .filter(NodeMigrationStatuses::needsWork)
          .ifPresent(
              work ->
                  writer.write(
                      work,
                      lastAttempt
                          ? NodeMigrationErrorStatus.gaveUp(
                              work, identity.agentName(), error, clock.instant())
                          : NodeMigrationErrorStatus.retrying(
                              work, identity.agentName(), error, clock.instant())));
    } catch (RuntimeException e) {
      LOG.warnf(
          "%s: could not record the error in its status either: %s",
          NodeMigrationStatusWriter.describe(cached), e.getMessage());
    }
    return ErrorStatusUpdateControl.noStatusUpdate();
  }

  /** The run after its pick-up write ({@code status}, stored as {@code work}). */
  private void run(NodeMigration work, NodeMigrationStatus status) {
    String node = work.getSpec().getNodeName();
    LOG.infof(
        "picked up %s generation %d: %d pods, %s -> %s",
        NodeMigrationStatusWriter.describe(work),
        work.getMetadata().getGeneration(),
        work.getSpec().getPods().size(),
        work.getSpec().getFromNodes(),
        work.getSpec().getToNodes());

    if (!capabilities.capable()) {
      fail(work, status, PodReason.AgentNotCapable, capabilities.problemSummary());
      return;
    }
    WorkTargets nodes;
    try {
      nodes = workNumaNodes.resolve(work.getSpec());
    } catch (InvalidNumaNodeSpecException | WorkNumaNodes.InvalidMoveOptionsException e) {
      fail(work, status, PodReason.InvalidNodeSpec, e.getMessage());
      return;
    } catch (HostTopologyException e) {
      fail(work, status, PodReason.AgentNotCapable, e.getMessage());
      return;
    }
    // pods done by this generation's run before a restart are skipped
    List<TargetPod> remaining =
        work.getSpec().getPods().stream()
            .filter(pod -> !NodeMigrationStatuses.isFinished(status, pod.getName()))
            .toList();
    for (int i = 0; i < remaining.size(); i++) {
      NodeMigrationStatuses.putPod(status, podRunner.run(remaining.get(i), node, nodes));
      if (i == remaining.size() - 1) {
        // the last pod's write carries the final phase: one write (and one operator
        // reconciliation) fewer per node
        NodeMigrationStatuses.complete(status, clock.instant());
      }
      work = writer.write(work, status);
    }
    if (remaining.isEmpty()) {
      NodeMigrationStatuses.complete(status, clock.instant());
      writer.write(work, status);
    }
    LOG.infof(
        "%s: %s (%s)",
        NodeMigrationStatusWriter.describe(work), status.getPhase(), status.getMessage());
  }

  private void fail(
      NodeMigration work, NodeMigrationStatus status, PodReason reason, String message) {
    NodeMigrationStatuses.failAll(status, reason, message, clock.instant());
    writer.write(work, status);
    LOG.warnf("%s: Failed %s: %s", NodeMigrationStatusWriter.describe(work), reason, message);
  }
}
