package io.migratepages.engine.host;

import java.util.BitSet;

/**
 * A set of CPU numbers in the kernel's list form ({@code 0-3,8}), as sysfs {@code cpulist}, cgroup
 * {@code cpuset.cpus.effective} and {@code Cpus_allowed_list} write it. CPU numbers are not NUMA
 * node numbers: they go beyond 1023, so this is not a {@code NumaNodeSet}.
 */
public record CpuList(BitSet cpus) {
  /** Linux's NR_CPUS is at most 8192. */
  public static final int MAX_CPU = 8191;

  public CpuList {
    cpus = (BitSet) cpus.clone();
  }

  /**
   * @throws IllegalArgumentException naming the element that is not {@code N} or {@code N-M}
   */
  public static CpuList parse(String list) {
    BitSet cpus = new BitSet();
    String trimmed = list == null ? "" : list.trim();
    if (trimmed.isEmpty()) {
      return new CpuList(cpus);
    }
    for (String element : trimmed.split(",")) {
      String[] bounds = element.trim().split("-", -1);
      try {
        int first = Integer.parseInt(bounds[0].trim());
        int last = bounds.length == 2 ? Integer.parseInt(bounds[1].trim()) : first;
        if (bounds.length > 2 || first < 0 || last < first || last > MAX_CPU) {
          throw new NumberFormatException();
        }
        cpus.set(first, last + 1);
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "CPU list \""
                + list
                + "\": element \""
                + element
                + "\" is not N or N-M in 0-"
                + MAX_CPU);
      }
    }
    return new CpuList(cpus);
  }

  public boolean isEmpty() {
    return cpus.isEmpty();
  }

  public boolean intersects(CpuList other) {
    return cpus.intersects(other.cpus);
  }

  /** The kernel's list form, ranges collapsed: {@code 0-3,8}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    int first = cpus.nextSetBit(0);
    while (first >= 0) {
      int end = cpus.nextClearBit(first);
      if (out.length() > 0) {
        out.append(',');
      }
      out.append(first);
      if (end - 1 > first) {
        out.append('-').append(end - 1);
      }
      first = cpus.nextSetBit(end);
    }
    return out.toString();
  }
}
