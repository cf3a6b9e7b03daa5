package io.migratepages.operator;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.Plurals;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.PhaseTally;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import java.util.List;
import java.util.stream.Collectors;

/** The sentences of a NumaMigration's conditions. */
final class StatusWording {
  private static final int FAILED_PODS_IN_MESSAGE = 3;

  private StatusWording() {}

  static String accepted(int dispatchedPods, int kubeNodes, int notMigratable) {
    return Plurals.of(dispatchedPods, "pod")
        + " on "
        + Plurals.of(kubeNodes, "node")
        + " dispatched"
        + (notMigratable > 0 ? "; " + Plurals.of(notMigratable, "pod") + " not migratable" : "");
  }

  static String progress(PhaseTally tally) {
    return tally.done() + "/" + tally.total() + " pods done";
  }

  static String noWorkLeft(long generation) {
    return "no NodeMigration of generation " + generation + " exists";
  }

  /** The Ready condition's message once the run is over. */
  static String outcome(PhaseTally tally, long bytesMoved, List<PodMigrationStatus> pods) {
    String moved = ByteSizes.human(bytesMoved) + " moved";
    if (tally.phase() == MigrationPhase.Succeeded) {
      return Plurals.of(tally.total(), "pod") + " migrated, " + moved;
    }
    List<PodMigrationStatus> notSucceeded =
        pods.stream().filter(p -> p.getPhase() != MigrationPhase.Succeeded).toList();
    String examples =
        notSucceeded.stream()
            .limit(FAILED_PODS_IN_MESSAGE)
            .map(p -> p.getName() + " (" + p.getPhase() + ", " + p.getReason() + ")")
            .collect(Collectors.joining(", "));
    long more = tally.notSucceeded() - Math.min(notSucceeded.size(), FAILED_PODS_IN_MESSAGE);
    return tally.succeeded()
        + " of "
        + Plurals.of(tally.total(), "pod")
        + " succeeded, "
        + moved
        + "; not succeeded: "
        + examples
        + (more > 0 ? " and " + more + " more" : "");
  }
}
