package io.migratepages.operator;

import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetPod;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Pods the operator itself reported Failed when a run started (not running, not scheduled,
 * container missing). No NodeMigration carries them, so later aggregations read them back from the
 * NumaMigration's own status, where they are always listed first.
 *
 * @param listed their entries
 * @param omitted how many more were left out of status.pods by the size bound
 */
public record LocalFailures(List<PodMigrationStatus> listed, int omitted) {
  public static final LocalFailures NONE = new LocalFailures(List.of(), 0);

  public LocalFailures {
    listed = List.copyOf(listed);
  }

  public static LocalFailures of(Targets targets) {
    return new LocalFailures(targets.notRunnable(), 0);
  }

  /** Recovers them from the status written earlier in this run. */
  public static LocalFailures fromStatus(NumaMigrationStatus previous, List<NodeMigration> work) {
    if (previous == null || previous.getPods() == null) {
      return NONE;
    }
    Set<String> dispatched =
        work.stream()
            .filter(n -> n.getSpec() != null)
            .flatMap(n -> n.getSpec().getPods().stream())
            .map(TargetPod::getName)
            .collect(Collectors.toSet());
    List<PodMigrationStatus> listed =
        previous.getPods().stream()
            .filter(LocalFailures::isDecidedAtDispatch)
            .filter(p -> !dispatched.contains(p.getName()))
            .toList();
    int omitted = 0;
    if (listed.size() >= NumaMigrationStatus.MAX_PODS && previous.getSummary() != null) {
      // Only when local failures alone fill the list can some of them have been left out.
      omitted =
          Math.max(0, previous.getSummary().getPodsTargeted() - dispatched.size() - listed.size());
    }
    return new LocalFailures(listed, omitted);
  }

  /** A pod entry the operator wrote when the run started, not an agent's result. */
  static boolean isDecidedAtDispatch(PodMigrationStatus pod) {
    return pod.getPhase() == MigrationPhase.Failed
        && Arrays.stream(PodReason.values())
            .anyMatch(r -> r.isDecidedAtDispatch() && r.name().equals(pod.getReason()));
  }

  public int count() {
    return listed.size() + omitted;
  }
}
