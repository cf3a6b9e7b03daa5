package io.migratepages.operator;

import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.TargetPod;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;

/**
 * The pods a NumaMigration selected at the start of a run: those the agents can work on, grouped by
 * Kubernetes node, and those the operator already reports as Failed (not running, not scheduled,
 * container missing).
 *
 * @param what the selection in words, for messages ("pod db-0", "pods matching app=db")
 */
public record Targets(
    String what,
    SortedMap<String, List<TargetPod>> podsByNode,
    List<PodMigrationStatus> notRunnable) {

  public Targets {
    podsByNode = Collections.unmodifiableSortedMap(podsByNode);
    notRunnable = List.copyOf(notRunnable);
  }

  public boolean isEmpty() {
    return podsByNode.isEmpty() && notRunnable.isEmpty();
  }

  public int runnablePods() {
    return podsByNode.values().stream().mapToInt(List::size).sum();
  }
}
