package io.migratepages.testsupport;

import java.util.Collection;
import java.util.TreeSet;

/**
 * The kernel's compact list format ({@code 0-3,5}) that sysfs and {@code Mems_allowed_list} use.
 * The engine's {@code NumaNodeSet} prints the same; this copy keeps the fixtures free of engine
 * types.
 */
final class KernelList {
  private KernelList() {}

  static String format(Collection<Integer> ids) {
    StringBuilder list = new StringBuilder();
    Integer start = null;
    Integer previous = null;
    for (int id : new TreeSet<>(ids)) {
      if (previous != null && id == previous + 1) {
        previous = id;
        continue;
      }
      appendRange(list, start, previous);
      start = id;
      previous = id;
    }
    appendRange(list, start, previous);
    return list.toString();
  }

  private static void appendRange(StringBuilder list, Integer start, Integer end) {
    if (start == null) {
      return;
    }
    if (list.length() > 0) {
      list.append(',');
    }
    list.append(start);
    if (end > start) {
      list.append('-').append(end);
    }
  }
}
