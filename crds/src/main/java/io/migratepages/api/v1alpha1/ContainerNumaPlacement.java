package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Where one container's memory sits, and which NUMA nodes its CPUs belong to. */
@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerNumaPlacement {
  @JsonPropertyDescription("Container name.")
  private String name;

  @JsonPropertyDescription(
      "The CPUs it may run on: cpuset.cpus.effective of its cgroup, in list form (e.g. 0-3).")
  private String cpus;

  @JsonPropertyDescription("The NUMA nodes of those CPUs, in list form (e.g. 0 or 0-1).")
  private String cpuNumaNodes;

  @JsonPropertyDescription("Processes read.")
  private int processes;

  @JsonPropertyDescription(
      "Bytes per NUMA node (key: node number) summed over its processes, from numa_maps; shared"
          + " pages count under every process that maps them.")
  @Builder.Default
  private Map<String, Long> bytes = new TreeMap<>();

  @JsonPropertyDescription("Sum of bytes.")
  private long totalBytes;

  @JsonPropertyDescription("Bytes on the NUMA nodes of its CPUs (cpuNumaNodes).")
  private long localBytes;

  @JsonPropertyDescription(
      "Why the container could not be read (cgroup not found, processes exited); bytes are then"
          + " partial or empty.")
  private String error;
}
