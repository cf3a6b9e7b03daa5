package io.migratepages.api.v1alpha1;

/** Lifecycle of a migration, of one node's share of it, or of one pod. */
public enum MigrationPhase {
  Pending,
  Running,
  Succeeded,
  PartiallySucceeded,
  Failed;

  public boolean isTerminal() {
    return this == Succeeded || this == PartiallySucceeded || this == Failed;
  }
}
