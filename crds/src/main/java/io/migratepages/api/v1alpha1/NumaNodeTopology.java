package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One NUMA node of a host, as sysfs describes it. */
@Data
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NumaNodeTopology {
  @JsonPropertyDescription("NUMA node number.")
  private int id;

  @JsonPropertyDescription(
      "Its CPUs in sysfs list form (e.g. 0-3,8); empty for a memory-only node.")
  private String cpus;

  @JsonPropertyDescription("MemTotal of the node's meminfo, in bytes.")
  private long memTotalBytes;

  @JsonPropertyDescription("MemFree of the node's meminfo, in bytes.")
  private long memFreeBytes;

  @JsonPropertyDescription("SLIT distance to every NUMA node (key: node number; 10 = local).")
  private Map<String, Integer> distances = new TreeMap<>();
}
