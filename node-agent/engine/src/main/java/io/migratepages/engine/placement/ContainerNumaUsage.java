package io.migratepages.engine.placement;

import io.migratepages.engine.host.CpuList;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where one container's memory sits and where its CPUs are.
 *
 * @param cpus the CPUs it may run on (empty when unknown; see problems)
 * @param cpuNumaNodes the NUMA nodes of those CPUs
 * @param processes processes whose numa_maps were read
 * @param bytes bytes per NUMA node summed over those processes (shared pages under each)
 * @param problems what could not be read, for the report's error field
 */
public record ContainerNumaUsage(
    CpuList cpus,
    NumaNodeSet cpuNumaNodes,
    int processes,
    SortedMap<Integer, Long> bytes,
    List<String> problems) {

  public ContainerNumaUsage {
    bytes = Collections.unmodifiableSortedMap(new TreeMap<>(bytes));
    problems = List.copyOf(problems);
  }

  public long totalBytes() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Bytes on the NUMA nodes of its CPUs. */
  public long localBytes() {
    return bytes.entrySet().stream()
        .filter(e -> cpuNumaNodes.contains(e.getKey()))
        .mapToLong(Map.Entry::getValue)
        .sum();
  }
}
