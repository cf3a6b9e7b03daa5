package io.migratepages.engine.host;

import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The host's NUMA nodes (ids may be sparse, e.g. 0 and 2). */
public record NumaTopology(
    NumaNodeSet online,
    NumaNodeSet possible,
    NumaNodeSet withMemory,
    NumaNodeSet withCpu,
    SortedMap<Integer, NumaNodeInfo> nodes) {

  public NumaTopology {
    nodes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
  }

  public Optional<NumaNodeInfo> node(int id) {
    return Optional.ofNullable(nodes.get(id));
  }

  /** Free memory on a node, or 0 for a node sysfs does not describe. */
  public long memFreeBytes(int id) {
    return node(id).map(NumaNodeInfo::memFreeBytes).orElse(0L);
  }

  /** The NUMA nodes whose CPUs (sysfs cpulist) include any of {@code cpus}. */
  public NumaNodeSet numaNodesOf(CpuList cpus) {
    int[] ids =
        nodes.values().stream()
            .filter(n -> cpus.intersects(CpuList.parse(n.cpuList())))
            .mapToInt(NumaNodeInfo::id)
            .toArray();
    return NumaNodeSet.of(ids);
  }

  /**
   * What node specs resolve against: "all" means the online nodes (sources) or those with memory.
   */
  public NumaNodeUniverse universe() {
    return new NumaNodeUniverse(online, withMemory);
  }

  static NumaTopology of(
      NumaNodeSet online,
      NumaNodeSet possible,
      NumaNodeSet withMemory,
      NumaNodeSet withCpu,
      Map<Integer, NumaNodeInfo> nodes) {
    return new NumaTopology(online, possible, withMemory, withCpu, new TreeMap<>(nodes));
  }
}
