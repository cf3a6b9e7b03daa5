package io.migratepages.engine.host;

import io.migratepages.nodeset.NodeSet;
import io.migratepages.nodeset.NodeUniverse;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The host's NUMA nodes (ids may be sparse, e.g. 0 and 2). */
public record NumaTopology(
    NodeSet online,
    NodeSet possible,
    NodeSet withMemory,
    NodeSet withCpu,
    SortedMap<Integer, NodeInfo> nodes) {

  public NumaTopology {
    nodes = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(nodes));
  }

  public Optional<NodeInfo> node(int id) {
    return Optional.ofNullable(nodes.get(id));
  }

  /** Free memory on a node, or 0 for a node sysfs does not describe. */
  public long memFreeBytes(int id) {
    return node(id).map(NodeInfo::memFreeBytes).orElse(0L);
  }

  /**
   * What node specs resolve against: "all" means the online nodes (sources) or those with memory.
   */
  public NodeUniverse universe() {
    return new NodeUniverse(online, withMemory);
  }

  static NumaTopology of(
      NodeSet online,
      NodeSet possible,
      NodeSet withMemory,
      NodeSet withCpu,
      Map<Integer, NodeInfo> nodes) {
    return new NumaTopology(online, possible, withMemory, withCpu, new TreeMap<>(nodes));
  }
}
