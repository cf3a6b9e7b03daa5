package io.migratepages.api.v1alpha1;

/** Why an off-target pod is not being moved right now, or that it is. */
public enum OffTargetState {
  /** A NumaMigration of the policy is moving it (created now or earlier, not finished). */
  Moving,
  /** It was moved less than spec.cooldown ago, to the same target. */
  CoolingDown,
  /** spec.maxPodsMovingPerNode pods of its Kubernetes node are moving already. */
  WaitingForNodeCap,
  /** Its target resolves to no NUMA node with memory on its host (see message). */
  TargetUnavailable
}
