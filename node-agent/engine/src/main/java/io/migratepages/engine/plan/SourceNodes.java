package io.migratepages.engine.plan;

import io.migratepages.numanodes.NumaNodeSet;
import java.util.ArrayList;
import java.util.List;

/**
 * FROM as the kernel must get it: only nodes that can hold pages. The kernel pairs the n-th node of
 * FROM with the n-th node of TO, so a node without memory in FROM shifts every pairing after it.
 * numactl never passes one: its parser resolves node specs against the caller's Mems_allowed, which
 * lists only nodes with memory, so {@code 0-3} is {@code 0,2,3} when node 1 has none, and {@code
 * 0-3 -> 0,2} moves node 3 to node 0. See docs/node-sets.md.
 *
 * @param kept the nodes handed to the kernel and the planner
 * @param memoryless online nodes without memory, left out
 * @param offline nodes that are not online, left out
 */
public record SourceNodes(NumaNodeSet kept, NumaNodeSet memoryless, NumaNodeSet offline) {

  public static SourceNodes of(NumaNodeSet from, NumaNodeSet online, NumaNodeSet withMemory) {
    NumaNodeSet offline = from.minus(online);
    NumaNodeSet memoryless = from.intersect(online).minus(withMemory);
    return new SourceNodes(from.minus(offline).minus(memoryless), memoryless, offline);
  }

  public List<String> warnings() {
    List<String> warnings = new ArrayList<>();
    if (!offline.isEmpty()) {
      warnings.add(
          "source node(s) "
              + offline.describe()
              + " are not online: no memory can be there; left out of FROM");
    }
    if (!memoryless.isEmpty()) {
      warnings.add(
          "source node(s) "
              + memoryless.describe()
              + " have no memory and are left out of FROM, as numactl does: FROM is "
              + kept.describe()
              + ", and its n-th node maps to the n-th node of TO");
    }
    return warnings;
  }
}
