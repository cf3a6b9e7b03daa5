package io.migratepages.engine.syscall;

import io.migratepages.numanodes.NumaNodeSet;

/**
 * Two node sets laid out the way {@code migrate_pages(2)} reads them: {@code long[]} words, bit n
 * in word n/64, and a {@code maxnode} argument. The kernel decrements {@code maxnode} before using
 * it (mm/mempolicy.c get_nodes), so we pass the number of bits plus one, exactly as libnuma does.
 */
public record KernelNodeMask(long maxnode, long[] from, long[] to) {

  public static KernelNodeMask of(NumaNodeSet from, NumaNodeSet to) {
    int words = Math.max(from.minimumBitmaskWords(), to.minimumBitmaskWords());
    return new KernelNodeMask(
        (long) words * Long.SIZE + 1, from.toBitmask(words), to.toBitmask(words));
  }
}
