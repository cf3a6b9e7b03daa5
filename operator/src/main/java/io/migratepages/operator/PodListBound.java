package io.migratepages.operator;

import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps a NumaMigration's pod list within the object size limit: at most {@link
 * NumaMigrationStatus#MAX_PODS} pods, sharing {@link NumaMigrationStatus#MAX_PROCESS_ENTRIES}
 * process entries.
 */
final class PodListBound {
  private PodListBound() {}

  /** The first pods (the caller orders them most telling first), each with its first processes. */
  static List<PodMigrationStatus> listed(List<PodMigrationStatus> all) {
    int listedPods = Math.min(all.size(), NumaMigrationStatus.MAX_PODS);
    int processesPerPod = processesPerPod(listedPods);
    return all.stream()
        .limit(NumaMigrationStatus.MAX_PODS)
        .map(pod -> withFirstProcesses(pod, processesPerPod))
        .toList();
  }

  /**
   * How many process entries each listed pod keeps: 200 pods with 16 processes each would approach
   * the object size limit, so they share a fixed budget.
   */
  static int processesPerPod(int listedPods) {
    if (listedPods == 0) {
      return PodMigrationStatus.MAX_PROCESSES;
    }
    int share = NumaMigrationStatus.MAX_PROCESS_ENTRIES / listedPods;
    return Math.max(1, Math.min(PodMigrationStatus.MAX_PROCESSES, share));
  }

  /** The agent lists failures and the biggest movers first, so the head is the telling part. */
  private static PodMigrationStatus withFirstProcesses(PodMigrationStatus pod, int limit) {
    List<ProcessMigrationStatus> processes =
        pod.getProcesses() == null ? List.of() : pod.getProcesses();
    if (processes.size() <= limit) {
      return pod;
    }
    int alreadyOmitted = pod.getProcessesOmitted() == null ? 0 : pod.getProcessesOmitted();
    return pod.toBuilder()
        .processes(new ArrayList<>(processes.subList(0, limit)))
        .processesOmitted(processes.size() - limit + alreadyOmitted)
        .build();
  }
}
