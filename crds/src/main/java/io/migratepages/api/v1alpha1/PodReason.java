package io.migratepages.api.v1alpha1;

/**
 * Why a pod (in {@code status.pods[].reason}) or a whole Kubernetes node's work (in a
 * NodeMigration's {@code status.reason}) did not simply succeed. Listed in the CRD's description of
 * those fields and in the README's status section; a test keeps the three in step.
 */
public enum PodReason {
  // Decided by the operator before anything is dispatched.
  /** The pod is not Running, or is being deleted. */
  PodNotRunning(Source.OPERATOR),
  /** The pod has no Kubernetes node yet. */
  PodNotScheduled(Source.OPERATOR),
  /**
   * A container named in spec.containers is not in the pod (or, on the agent, its cgroup is gone).
   */
  ContainerNotFound(Source.BOTH),
  /** The container has no running process to move (waiting, terminated, no container ID). */
  ContainerNotRunning(Source.OPERATOR),

  // Decided by the operator while waiting for an agent.
  /** Waiting for the node agent to pick the work up (Pending). */
  WaitingForAgent(Source.OPERATOR),
  /** No agent picked the work up within the agent timeout; the work was withdrawn. */
  AgentUnavailable(Source.OPERATOR),
  /** The agent finished the Kubernetes node's work without a result for this pod. */
  NotReportedByAgent(Source.OPERATOR),

  // Decided by the node agent.
  /** The agent's start-up checks found it cannot migrate (seccomp, capabilities, no NUMA). */
  AgentNotCapable(Source.AGENT),
  /** fromNodes or toNodes do not fit the NUMA nodes of this host. */
  InvalidNodeSpec(Source.AGENT),
  /** Every process of the pod failed to move. */
  MigrationFailed(Source.AGENT),
  /** The containers had no process to move, or every process exited first. */
  NoProcesses(Source.AGENT),
  /** Every process moved, but the kernel reported pages it could not move. */
  PagesNotMoved(Source.AGENT),
  /** Some processes moved, others failed. */
  SomeProcessesFailed(Source.AGENT),
  /** The agent kept failing on an unexpected error (e.g. the API server refused its writes). */
  AgentError(Source.AGENT);

  /** Who writes the reason. */
  public enum Source {
    OPERATOR,
    AGENT,
    BOTH
  }

  private final Source source;

  PodReason(Source source) {
    this.source = source;
  }

  public Source source() {
    return source;
  }

  /** Reasons of pods the operator failed itself when a run started: no NodeMigration has them. */
  public boolean isDecidedAtDispatch() {
    return this == PodNotRunning
        || this == PodNotScheduled
        || this == ContainerNotFound
        || this == ContainerNotRunning;
  }
}
