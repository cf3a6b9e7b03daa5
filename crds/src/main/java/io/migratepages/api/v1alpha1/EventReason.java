package io.migratepages.api.v1alpha1;

/**
 * Reasons of the core/v1 Events the operator records on a NumaMigration. Listed in the README's
 * status section; a test keeps the two in step.
 */
public enum EventReason {
  /** Warning: the spec is invalid (same message as the Accepted condition). */
  InvalidSpec,
  /** Normal: a run was dispatched. */
  MigrationStarted,
  /** Warning: one pod failed (once per pod per generation). */
  PodMigrationFailed,
  /** Normal: the run ended Succeeded (once per generation). */
  MigrationSucceeded,
  /** Warning: the run ended PartiallySucceeded (once per generation). */
  MigrationPartiallySucceeded,
  /** Warning: the run ended Failed (once per generation). */
  MigrationFailed,
  /** Warning: reconciling met an API error; retried with back-off. */
  ReconcileError;

  /** The terminal Event of a final phase. */
  public static EventReason ofPhase(MigrationPhase phase) {
    return switch (phase) {
      case Succeeded -> MigrationSucceeded;
      case PartiallySucceeded -> MigrationPartiallySucceeded;
      case Failed -> MigrationFailed;
      default -> throw new IllegalArgumentException("not a final phase: " + phase);
    };
  }
}
