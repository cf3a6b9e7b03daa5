package io.migratepages.agent.report;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaNodeTopology;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import io.migratepages.engine.host.CpuList;
import io.migratepages.engine.host.NumaNodeInfo;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.placement.ContainerNumaUsage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Builds a NodeNumaReport's status from what the agent read. Pure. Bounds: at most {@link
 * NodeNumaReportStatus#MAX_CONTAINERS} containers, whole pods in namespace/name order, the rest
 * counted in podsOmitted and containersOmitted.
 */
public final class NodeNumaReportBuilder {
  private final int maxContainers;

  public NodeNumaReportBuilder() {
    this(NodeNumaReportStatus.MAX_CONTAINERS);
  }

  NodeNumaReportBuilder(int maxContainers) {
    this.maxContainers = maxContainers;
  }

  public NodeNumaReportStatus build(
      String agent, NumaTopology topology, List<PodNumaUsage> pods, Instant readAt) {
    List<NumaNodeTopology> numaNodes = new ArrayList<>();
    BitSet cpus = new BitSet();
    long free = 0;
    long total = 0;
    for (NumaNodeInfo node : topology.nodes().values()) {
      free += node.memFreeBytes();
      total += node.memTotalBytes();
      cpus.or(CpuList.parse(node.cpuList()).cpus());
      if (numaNodes.size() < NodeNumaReportStatus.MAX_NUMA_NODES) {
        numaNodes.add(numaNode(node));
      }
    }
    List<PodNumaUsage> sorted =
        pods.stream()
            .sorted(Comparator.comparing(PodNumaUsage::namespace).thenComparing(PodNumaUsage::name))
            .toList();
    List<PodNumaPlacement> listed = new ArrayList<>();
    int containers = 0;
    int podsOmitted = 0;
    int containersOmitted = 0;
    for (PodNumaUsage pod : sorted) {
      if (podsOmitted == 0 && containers + pod.containers().size() <= maxContainers) {
        listed.add(
            new PodNumaPlacement(
                pod.namespace(), pod.name(), pod.uid(), new ArrayList<>(pod.containers())));
        containers += pod.containers().size();
      } else {
        podsOmitted++;
        containersOmitted += pod.containers().size();
      }
    }
    return NodeNumaReportStatus.builder()
        .agent(agent)
        .reportTime(Timestamps.format(readAt))
        .numaNodeCount(topology.nodes().size())
        .cpus(new CpuList(cpus).toString())
        .memory(ByteSizes.human(free) + "/" + ByteSizes.human(total))
        .containerCount(containers)
        .numaNodes(numaNodes)
        .pods(listed)
        .podsOmitted(podsOmitted == 0 ? null : podsOmitted)
        .containersOmitted(containersOmitted == 0 ? null : containersOmitted)
        .build();
  }

  /** One container's placement as the report shows it. */
  public static ContainerNumaPlacement container(String name, ContainerNumaUsage usage) {
    Map<String, Long> bytes = new TreeMap<>();
    usage.bytes().forEach((node, value) -> bytes.put(Integer.toString(node), value));
    return ContainerNumaPlacement.builder()
        .name(name)
        .cpus(usage.cpus().isEmpty() ? null : usage.cpus().toString())
        .cpuNumaNodes(usage.cpuNumaNodes().isEmpty() ? null : usage.cpuNumaNodes().toString())
        .processes(usage.processes())
        .bytes(bytes)
        .totalBytes(usage.totalBytes())
        .localBytes(usage.localBytes())
        .error(usage.problems().isEmpty() ? null : String.join("; ", usage.problems()))
        .build();
  }

  /** A container that could not be read at all. */
  public static ContainerNumaPlacement unreadable(String name, String why) {
    return ContainerNumaPlacement.builder().name(name).error(why).build();
  }

  private static NumaNodeTopology numaNode(NumaNodeInfo node) {
    Map<String, Integer> distances = new TreeMap<>();
    node.distanceTo().forEach((to, d) -> distances.put(Integer.toString(to), d));
    return new NumaNodeTopology(
        node.id(), node.cpuList(), node.memTotalBytes(), node.memFreeBytes(), distances);
  }
}
