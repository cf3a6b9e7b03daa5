package io.migratepages.api.v1alpha1;

/**
 * Reasons of the core/v1 Events the operator records on a NumaPlacementPolicy. Listed in
 * docs/placement-policies.md; a test keeps the two in step.
 */
public enum PolicyEventReason {
  /** Warning: the spec is invalid (same message as the Ready condition). */
  InvalidSpec,
  /** Normal: a NumaMigration was created to move a pod's memory back on target (one per action). */
  PodMoveStarted,
  /** Normal: an action's NumaMigration ended Succeeded. */
  PodMoveSucceeded,
  /** Warning: an action's NumaMigration ended Failed or PartiallySucceeded. */
  PodMoveFailed,
  /** Warning: reconciling met an API error; retried with back-off. */
  ReconcileError
}
