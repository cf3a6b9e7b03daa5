package io.migratepages.engine.local;

import io.migratepages.numanodes.NumaNodeSet;

/**
 * What {@code local} resolved to for one process.
 *
 * @param cpus the CPUs the process may run on (the union over its threads), as a CPU list
 * @param cpuNodes the NUMA nodes those CPUs belong to
 * @param nodes the destination: the nodes among {@code cpuNodes} that have memory
 */
public record LocalNodes(String cpus, NumaNodeSet cpuNodes, NumaNodeSet nodes) {

  /** One line for reports: {@code local = 1 (CPUs 2-3 on node 1)}. */
  public String describe() {
    String memoryless =
        cpuNodes.equals(nodes)
            ? ""
            : "; node(s) " + cpuNodes.minus(nodes).describe() + " have no memory";
    return "local = "
        + nodes.describe()
        + " (the process may run on CPUs "
        + cpus
        + ", on node(s) "
        + cpuNodes.describe()
        + memoryless
        + ")";
  }
}
