package io.migratepages.api.v1alpha1;

/**
 * Reasons the operator writes into a NumaPlacementPolicy's conditions. Listed in the CRD's
 * description of {@code status.conditions} and in docs/placement-policies.md; a test keeps the
 * three in step.
 */
public enum PolicyConditionReason {
  /** Ready False, Stalled True: the spec breaks a rule the schema cannot express. */
  InvalidSpec,
  /** Ready True: no running pod in the namespace matches the selector. */
  NoMatchingPods,
  /** Ready False, Reconciling True: some matching pods are not in their node's report yet. */
  WaitingForReports,
  /** Ready True: every reported pod's memory is within the threshold of its target. */
  PodsInTarget,
  /** Ready True: some pods are off target; they are moving or wait (cooldown, per-node cap). */
  PodsOffTarget,
  /** Ready False: the operator met an error talking to the API server; it retries. */
  ReconcileError
}
