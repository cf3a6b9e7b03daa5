package io.migratepages.engine.host;

import java.util.Map;

/**
 * One NUMA node as sysfs describes it.
 *
 * @param cpuList the node's CPUs in sysfs list form ({@code 0-3,8}); empty for a memory-only node
 * @param distanceTo the SLIT distance to every online node (10 = local)
 */
public record NumaNodeInfo(
    int id,
    long memTotalBytes,
    long memFreeBytes,
    String cpuList,
    Map<Integer, Integer> distanceTo) {

  public NumaNodeInfo {
    distanceTo = Map.copyOf(distanceTo);
  }
}
