package io.migratepages.agent;

import io.migratepages.agent.port.ContainerProcesses;
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
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Migrates one pod: its containers' PIDs from the cgroup tree, each PID through the engine. */
public final class PodMigrationRunner {
  private static final Logger LOG = Logger.getLogger(PodMigrationRunner.class);

  private final ProcessResolver resolver;
  private final PageMigrator migrator;
  private final AgentMetrics metrics;

  public PodMigrationRunner(ProcessResolver resolver, PageMigrator migrator, AgentMetrics metrics) {
    this.resolver = resolver;
    this.migrator = migrator;
    this.metrics = metrics;
  }

  public PodMigrationStatus run(TargetPod pod, String node, NumaNodeSelection nodes) {
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
      for (int pid : container.pids()) {
        ProcessOutcome outcome = migrate(pid, nodes, container);
        metrics.record(outcome);
        outcomes.add(outcome);
      }
      runs.add(ContainerRun.of(container.container(), outcomes));
    }
    PodMigrationStatus status = PodResultBuilder.build(pod.getName(), node, runs);
    LOG.infof(
        "pod %s (%s): %s %s%s",
        pod.getName(),
        nodes,
        status.getPhase(),
        status.getReason() == null ? "" : status.getReason() + " ",
        status.getMessage());
    return status;
  }

  private ProcessOutcome migrate(int pid, NumaNodeSelection nodes, ContainerProcesses container) {
    try {
      return migrator.migrate(pid, nodes, container.check());
    } catch (RuntimeException e) {
      // a bug or an unexpected host state must not lose the other processes' results
      LOG.warnf(e, "migrating pid %d of container %s failed unexpectedly", pid, container);
      return new ProcessOutcome.Failed(pid, "unexpected error: " + e);
    }
  }
}
