package io.migratepages.agent;

import io.migratepages.agent.port.ContainerProcesses;
import io.migratepages.agent.port.LocalNumaNodes;
import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.agent.port.ProcessResolutionException;
import io.migratepages.agent.port.ProcessResolver;
import io.migratepages.agent.status.ContainerRun;
import io.migratepages.agent.status.PodResultBuilder;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.engine.MigrationException;
import io.migratepages.engine.local.LocalNodes;
import io.migratepages.engine.local.TargetNodes;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Migrates one pod: its containers' PIDs from the cgroup tree, each PID through the engine; with
 * toNodes {@code local}, each PID's nodes resolved from its CPUs right before its pages move.
 */
public final class PodMigrationRunner {
  private static final Logger LOG = Logger.getLogger(PodMigrationRunner.class);

  private final ProcessResolver resolver;
  private final LocalNumaNodes localNodes;
  private final PageMigrator migrator;
  private final AgentMetrics metrics;

  public PodMigrationRunner(
      ProcessResolver resolver,
      LocalNumaNodes localNodes,
      PageMigrator migrator,
      AgentMetrics metrics) {
    this.resolver = resolver;
    this.localNodes = localNodes;
    this.migrator = migrator;
    this.metrics = metrics;
  }

  public PodMigrationStatus run(TargetPod pod, String node, WorkTargets targets) {
    List<ContainerProcesses> containers;
    try {
      containers = resolver.resolve(pod);
    } catch (ProcessResolutionException e) {
      return PodResultBuilder.failed(
          pod.getName(), node, PodReason.MigrationFailed, e.getMessage());
    }
    List<ContainerRun> runs = new ArrayList<>();
    for (ContainerProcesses container : containers) {
      if (!container.isFound()) {
        runs.add(ContainerRun.notFound(container.container(), container.notFound().get()));
        continue;
      }
      List<ProcessOutcome> outcomes = new ArrayList<>();
      Map<Integer, TargetNodes> resolved = new HashMap<>();
      for (int pid : container.pids()) {
        ProcessOutcome outcome = migrate(pid, targets, container, resolved);
        metrics.record(outcome);
        outcomes.add(outcome);
      }
      runs.add(ContainerRun.of(container.container(), outcomes, resolved));
    }
    PodMigrationStatus status = PodResultBuilder.build(pod.getName(), node, runs);
    LOG.infof(
        "pod %s (%s): %s %s%s",
        pod.getName(),
        targets,
        status.getPhase(),
        status.getReason() == null ? "" : status.getReason() + " ",
        status.getMessage());
    return status;
  }

  private ProcessOutcome migrate(
      int pid,
      WorkTargets targets,
      ContainerProcesses container,
      Map<Integer, TargetNodes> resolved) {
    try {
      if (targets instanceof WorkTargets.Local local) {
        return migrateLocal(pid, local, container, resolved);
      }
      return migrator.migrate(pid, ((WorkTargets.Fixed) targets).nodes(), container.check());
    } catch (RuntimeException e) {
      // a bug or an unexpected host state must not lose the other processes' results
      LOG.warnf(e, "migrating pid %d of container %s failed unexpectedly", pid, container);
      return new ProcessOutcome.Failed(pid, "unexpected error: " + e);
    }
  }

  private ProcessOutcome migrateLocal(
      int pid,
      WorkTargets.Local local,
      ContainerProcesses container,
      Map<Integer, TargetNodes> resolved) {
    TargetNodes nodes;
    try {
      nodes = localNodes.resolve(pid, local.from(), local.to());
    } catch (MigrationException e) {
      return switch (e.reason()) {
        case NO_SUCH_PROCESS, PROCESS_EXITED -> new ProcessOutcome.Exited(pid, e.getMessage());
        default -> new ProcessOutcome.Failed(pid, e.getMessage());
      };
    } catch (InvalidNumaNodeSpecException e) {
      return new ProcessOutcome.Failed(pid, e.getMessage());
    }
    resolved.put(pid, nodes);
    String meaning = nodes.local().map(LocalNodes::describe).orElse(NumaNodeSpec.LOCAL);
    LOG.debugf("pid %d: %s; from %s", pid, meaning, nodes.from().describe());
    if (nodes.from().isEmpty()) {
      return new ProcessOutcome.NothingToMove(
          pid,
          "nothing to move: "
              + meaning
              + (local.from().isAll() && !local.from().inverted()
                  ? ", and every NUMA node with memory is local to the process"
                  : ", and spec.fromNodes " + local.from().text() + " selects no NUMA node"));
    }
    return migrator.migrate(
        pid, new NumaNodeSelection(nodes.from(), nodes.to(), local.options()), container.check());
  }
}
