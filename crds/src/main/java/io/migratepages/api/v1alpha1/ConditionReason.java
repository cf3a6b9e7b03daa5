package io.migratepages.api.v1alpha1;

/**
 * Reasons the operator writes into a NumaMigration's conditions. Listed in the CRD's description of
 * {@code status.conditions} and in the README's status section; a test keeps the three in step.
 */
public enum ConditionReason {
  /** The spec breaks a rule the schema cannot express; nothing was dispatched. */
  InvalidSpec,
  /** No pod in the NumaMigration's namespace matched podName or selector. */
  NoMatchingPods,
  /** The run's NodeMigrations were written. */
  Dispatched,
  /** Agents are migrating pods. */
  MigrationRunning,
  /** Some NodeMigration has not been picked up by its agent yet. */
  WaitingForAgents,
  /** Every pod reached a final phase. */
  MigrationComplete,
  /** Ready: every pod succeeded. */
  Succeeded,
  /** Ready: some pods, processes or pages could not be moved. */
  PartiallySucceeded,
  /** Ready: no pod could be migrated. */
  Failed,
  /** The run's NodeMigrations were deleted before reporting. */
  NodeMigrationsDeleted,
  /** The operator met an error talking to the API server; it retries with back-off. */
  ReconcileError;

  /** The Ready reason for a final phase. */
  public static ConditionReason ofPhase(MigrationPhase phase) {
    return switch (phase) {
      case Succeeded -> Succeeded;
      case PartiallySucceeded -> PartiallySucceeded;
      case Failed -> Failed;
      default -> throw new IllegalArgumentException("not a final phase: " + phase);
    };
  }
}
