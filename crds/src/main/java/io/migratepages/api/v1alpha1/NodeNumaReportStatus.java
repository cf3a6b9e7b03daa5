package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Size;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeNumaReportStatus {
  /**
   * Containers listed over all pods: a report of 500 containers stays well under 200 KiB. Pods are
   * listed in namespace/name order; past the cap they are counted in podsOmitted and
   * containersOmitted, never partially listed.
   */
  public static final int MAX_CONTAINERS = 500;

  /** NUMA nodes listed (sysfs allows 1024; real machines have a handful). */
  public static final int MAX_NUMA_NODES = 128;

  @JsonPropertyDescription("The agent pod that wrote this report.")
  private String agent;

  @JsonPropertyDescription("When the agent read the host (RFC 3339).")
  private String reportTime;

  @JsonPropertyDescription("Number of online NUMA nodes.")
  private Integer numaNodeCount;

  @JsonPropertyDescription("The host's CPUs, in sysfs list form (e.g. 0-7).")
  private String cpus;

  @JsonPropertyDescription("Memory free of total over every NUMA node, human readable.")
  private String memory;

  @JsonPropertyDescription("Containers listed in pods.")
  private Integer containerCount;

  @JsonPropertyDescription("The host's NUMA nodes, at most " + MAX_NUMA_NODES + ".")
  @Size(max = MAX_NUMA_NODES)
  @Builder.Default
  private List<NumaNodeTopology> numaNodes = new ArrayList<>();

  @JsonPropertyDescription(
      "Running pods on this node with their containers' memory per NUMA node; at most "
          + MAX_CONTAINERS
          + " containers in all, whole pods in namespace/name order (see podsOmitted).")
  @Builder.Default
  private List<PodNumaPlacement> pods = new ArrayList<>();

  @JsonPropertyDescription("Running pods left out of pods to bound the size.")
  private Integer podsOmitted;

  @JsonPropertyDescription("Containers of the omitted pods.")
  private Integer containersOmitted;
}
