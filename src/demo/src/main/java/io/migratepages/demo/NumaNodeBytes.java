package io.migratepages.demo;

import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Bytes per NUMA node. */
public record NumaNodeBytes(SortedMap<Integer, Long> bytes) {

  public NumaNodeBytes {
    bytes = Collections.unmodifiableSortedMap(new TreeMap<>(bytes));
  }

  /** From a status map keyed by node number as text ({"0": 268435456}). Null means empty. */
  public static NumaNodeBytes fromStatus(Map<?, ?> byNode) {
    SortedMap<Integer, Long> bytes = new TreeMap<>();
    if (byNode != null) {
      byNode.forEach(
          (node, value) ->
              bytes.put(Integer.parseInt(node.toString()), ((Number) value).longValue()));
    }
    return new NumaNodeBytes(bytes);
  }

  public long on(int node) {
    return bytes.getOrDefault(node, 0L);
  }

  public long total() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Bytes that left their nodes between this and {@code after}: Σ max(0, this[n] - after[n]). */
  public long movedAway(NumaNodeBytes after) {
    long moved = 0;
    for (Map.Entry<Integer, Long> node : bytes.entrySet()) {
      moved += Math.max(0, node.getValue() - after.on(node.getKey()));
    }
    return moved;
  }
}
