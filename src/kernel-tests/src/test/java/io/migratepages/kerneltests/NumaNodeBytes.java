package io.migratepages.kerneltests;

import java.util.Map;
import java.util.TreeMap;

/** Bytes of a process's memory per NUMA node, as read from one numa_maps snapshot. */
record NumaNodeBytes(Map<Integer, Long> bytesByNode) {

  static final long MIB = 1024L * 1024L;

  NumaNodeBytes {
    bytesByNode = Map.copyOf(bytesByNode);
  }

  long on(int node) {
    return bytesByNode.getOrDefault(node, 0L);
  }

  long total() {
    return bytesByNode.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Fraction of all the process's mapped bytes that sit on {@code node}. */
  double share(int node) {
    long total = total();
    return total == 0 ? 0.0 : (double) on(node) / total;
  }

  @Override
  public String toString() {
    Map<Integer, String> mib = new TreeMap<>();
    bytesByNode.forEach(
        (node, bytes) -> mib.put(node, String.format("%.2f MiB", bytes / (double) MIB)));
    return mib.toString();
  }
}
