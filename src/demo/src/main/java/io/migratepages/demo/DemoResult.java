package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What one run of the demo produced: the NumaMigration as it ended, and the node's own numa_maps
 * reads of the container's process before the NumaMigration was applied and after it finished.
 *
 * @param nodeMigrations the operator's work orders for the agents, with per-process results
 * @param phasesSeen the NumaMigration's phases in the order the watch saw them
 * @param pid the container's process in the VM
 * @param nodeFacts the VM's KERNEL, NODES_WITH_MEMORY, NUMA_BALANCING
 * @param events "Type Reason: message" of the NumaMigration's Events
 * @param migrationTime from kubectl apply to the terminal phase
 * @param elapsed the whole scenario, from start to the VM's power-off
 */
public record DemoResult(
    GenericKubernetesResource migration,
    List<GenericKubernetesResource> nodeMigrations,
    List<String> phasesSeen,
    int pid,
    String cgroup,
    NumaMaps before,
    NumaMaps after,
    Map<String, String> nodeFacts,
    List<String> events,
    Duration migrationTime,
    Duration elapsed) {

  public MigrationStatus status() {
    return new MigrationStatus(migration);
  }
}
