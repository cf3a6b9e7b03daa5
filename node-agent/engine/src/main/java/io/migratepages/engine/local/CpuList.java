package io.migratepages.engine.local;

import java.util.BitSet;

/** The kernel's CPU list format ({@code 0-3,8,10-11}) as a set of CPU ids. */
final class CpuList {
  private CpuList() {}

  static BitSet parse(String list) {
    BitSet cpus = new BitSet();
    String trimmed = list.trim();
    if (trimmed.isEmpty()) {
      return cpus;
    }
    for (String item : trimmed.split(",")) {
      int dash = item.indexOf('-');
      int first = Integer.parseInt(dash < 0 ? item : item.substring(0, dash));
      int last = dash < 0 ? first : Integer.parseInt(item.substring(dash + 1));
      cpus.set(first, last + 1);
    }
    return cpus;
  }

  static String format(BitSet cpus) {
    StringBuilder out = new StringBuilder();
    for (int first = cpus.nextSetBit(0); first >= 0; ) {
      int last = cpus.nextClearBit(first) - 1;
      out.append(out.length() == 0 ? "" : ",").append(first);
      if (last > first) {
        out.append('-').append(last);
      }
      first = cpus.nextSetBit(last + 1);
    }
    return out.toString();
  }
}
