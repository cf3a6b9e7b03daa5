package io.migratepages.api.v1alpha1;

/**
 * The condition types of a NumaMigration's status. Ready is the one GitOps tools read (kstatus):
 * True only when the run Succeeded.
 */
public enum ConditionType {
  /** The spec is valid and the run was dispatched. */
  Accepted,
  /** The run is under way. */
  Progressing,
  /** The run ended Succeeded. */
  Ready
}
