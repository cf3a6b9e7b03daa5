package io.migratepages.api.v1alpha1;

import java.util.Collection;

/**
 * Pods counted by phase, and the rule that combines them into the phase of a Kubernetes node's work
 * (NodeMigration) or of a whole run (NumaMigration): Running while any pod is not final; then
 * Succeeded if all succeeded, Failed if all failed (or there were none), else PartiallySucceeded.
 */
public record PhaseTally(long total, long succeeded, long partially, long failed, long pending) {

  public static PhaseTally of(Collection<MigrationPhase> phases) {
    long succeeded = 0;
    long partially = 0;
    long failed = 0;
    long pending = 0;
    for (MigrationPhase phase : phases) {
      if (phase == MigrationPhase.Succeeded) {
        succeeded++;
      } else if (phase == MigrationPhase.PartiallySucceeded) {
        partially++;
      } else if (phase == MigrationPhase.Failed) {
        failed++;
      } else if (phase == MigrationPhase.Pending) {
        pending++;
      }
    }
    return new PhaseTally(phases.size(), succeeded, partially, failed, pending);
  }

  /** Adds pods failed without an entry of their own (e.g. left out of a bounded list). */
  public PhaseTally plusFailed(long more) {
    return new PhaseTally(total + more, succeeded, partially, failed + more, pending);
  }

  /** Pods in a final phase. */
  public long done() {
    return succeeded + partially + failed;
  }

  /** Pods that did not succeed entirely. */
  public long notSucceeded() {
    return partially + failed;
  }

  public MigrationPhase phase() {
    if (total == 0) {
      return MigrationPhase.Failed;
    }
    if (done() < total) {
      return MigrationPhase.Running;
    }
    if (succeeded == total) {
      return MigrationPhase.Succeeded;
    }
    return failed == total ? MigrationPhase.Failed : MigrationPhase.PartiallySucceeded;
  }
}
