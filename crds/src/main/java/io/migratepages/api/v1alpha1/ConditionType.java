package io.migratepages.api.v1alpha1;

/**
 * The condition types of a NumaMigration's status. Ready is the one GitOps tools read: True only
 * when the run Succeeded. Reconciling and Stalled are kstatus' abnormal-true conditions (Flux reads
 * them through kstatus): present, True, only while the run is under way (Reconciling) or once it
 * ended without success (Stalled), absent otherwise. See docs/gitops.md.
 */
public enum ConditionType {
  /** The spec is valid and the run was dispatched. */
  Accepted,
  /** The run is under way. */
  Progressing,
  /** The run ended Succeeded. */
  Ready,
  /** kstatus: the run is under way (InProgress); only written True. */
  Reconciling,
  /** kstatus: the run ended Failed or PartiallySucceeded, or was rejected (Failed); only True. */
  Stalled
}
