package io.migratepages.engine.plan;

import io.migratepages.numanodes.NumaNodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Predicts migrate_pages(2) by replaying the kernel's {@code do_migrate_pages} (mm/mempolicy.c):
 *
 * <ul>
 *   <li>A source node s maps to {@code node_remap(s, from, to)}: if s is the n-th set bit of from,
 *       its image is the (n mod |to|)-th set bit of to. Identical sets therefore move nothing.
 *   <li>When |from| != |to|, a source that is also in to is skipped, because the relative layout
 *       cannot be kept anyway ({@code [0-7] -> [3,4,5]} moves only 0,1,2,6,7).
 *   <li>Each pass scans the remaining sources in ascending order, remembering the last pair that
 *       moves (s != d) and stopping early at a pair whose destination is not itself a remaining
 *       source, so a node is emptied before it is filled ({@code 0-3 -> 1-4} runs 3->4, 2->3, 1->2,
 *       0->1). The pass's source is then removed; when no pair moves, migration ends.
 * </ul>
 *
 * The kernel first intersects {@code to} with the caller's cpuset; the preflight refuses such
 * requests instead, so this planner takes {@code to} as given.
 */
public final class MigrationPlanner {
  private static final int NO_NODE = -1;

  private MigrationPlanner() {}

  public static MigrationPlan plan(NumaNodeSet from, NumaNodeSet to) {
    boolean sameWeight = from.size() == to.size();
    TreeSet<Integer> remaining = new TreeSet<>(from.toList());
    List<NumaNodeMove> moves = new ArrayList<>();
    while (!remaining.isEmpty()) {
      int source = NO_NODE;
      int destination = 0;
      for (int s : remaining) {
        if (!sameWeight && to.contains(s)) {
          continue;
        }
        int d = remap(s, from, to);
        if (s == d) {
          continue;
        }
        source = s;
        destination = d;
        if (!remaining.contains(d)) {
          break;
        }
      }
      if (source == NO_NODE) {
        break;
      }
      remaining.remove(source);
      moves.add(new NumaNodeMove(source, destination));
    }
    return new MigrationPlan(from, to, moves);
  }

  /**
   * The kernel's node_remap / bitmap_bitremap: a bit outside {@code from}, or an empty to, stays.
   */
  static int remap(int node, NumaNodeSet from, NumaNodeSet to) {
    int ordinal = from.indexOf(node);
    if (ordinal < 0 || to.isEmpty()) {
      return node;
    }
    return to.nth(ordinal % to.size());
  }
}
