package io.migratepages.agent.report;

import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaNodeTopology;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Whether a fresh reading is worth a write: something appeared or went (a NUMA node, a pod, a
 * container), a container's CPUs or error changed, some byte count (a container's bytes on a NUMA
 * node, a NUMA node's free memory) moved by more than the threshold, or the last report is older
 * than the maximum age. Otherwise the write is skipped, so a quiet node costs the API server
 * nothing but one write per maximum age.
 */
public record ReportChange(long thresholdBytes, Duration maxAge) {

  public boolean significant(NodeNumaReportStatus last, NodeNumaReportStatus fresh) {
    if (last == null) {
      return true;
    }
    Instant lastTime = Timestamps.parse(last.getReportTime()).orElse(Instant.EPOCH);
    Instant freshTime = Timestamps.parse(fresh.getReportTime()).orElse(Instant.EPOCH);
    if (!lastTime.plus(maxAge).isAfter(freshTime)) {
      return true;
    }
    if (!Objects.equals(last.getPodsOmitted(), fresh.getPodsOmitted())
        || !Objects.equals(last.getContainersOmitted(), fresh.getContainersOmitted())
        || !Objects.equals(last.getCpus(), fresh.getCpus())) {
      return true;
    }
    return numaNodesChanged(last.getNumaNodes(), fresh.getNumaNodes())
        || containersChanged(last.getPods(), fresh.getPods());
  }

  private boolean numaNodesChanged(List<NumaNodeTopology> last, List<NumaNodeTopology> fresh) {
    if (last.size() != fresh.size()) {
      return true;
    }
    for (int i = 0; i < last.size(); i++) {
      NumaNodeTopology a = last.get(i);
      NumaNodeTopology b = fresh.get(i);
      if (a.getId() != b.getId()
          || !Objects.equals(a.getCpus(), b.getCpus())
          || a.getMemTotalBytes() != b.getMemTotalBytes()
          || beyond(a.getMemFreeBytes(), b.getMemFreeBytes())) {
        return true;
      }
    }
    return false;
  }

  private boolean containersChanged(List<PodNumaPlacement> last, List<PodNumaPlacement> fresh) {
    Map<String, ContainerNumaPlacement> before = byKey(last);
    Map<String, ContainerNumaPlacement> after = byKey(fresh);
    if (!before.keySet().equals(after.keySet())) {
      return true;
    }
    for (Map.Entry<String, ContainerNumaPlacement> e : after.entrySet()) {
      ContainerNumaPlacement a = before.get(e.getKey());
      ContainerNumaPlacement b = e.getValue();
      if (!Objects.equals(a.getCpus(), b.getCpus())
          || !Objects.equals(a.getCpuNumaNodes(), b.getCpuNumaNodes())
          || !Objects.equals(a.getError(), b.getError())
          || bytesChanged(a.getBytes(), b.getBytes())) {
        return true;
      }
    }
    return false;
  }

  private boolean bytesChanged(Map<String, Long> a, Map<String, Long> b) {
    Set<String> nodes = new HashSet<>(a.keySet());
    nodes.addAll(b.keySet());
    for (String node : nodes) {
      if (beyond(a.getOrDefault(node, 0L), b.getOrDefault(node, 0L))) {
        return true;
      }
    }
    return false;
  }

  private boolean beyond(long a, long b) {
    return Math.abs(a - b) > thresholdBytes;
  }

  private static Map<String, ContainerNumaPlacement> byKey(List<PodNumaPlacement> pods) {
    Map<String, ContainerNumaPlacement> map = new HashMap<>();
    for (PodNumaPlacement pod : pods) {
      for (ContainerNumaPlacement c : pod.getContainers()) {
        map.put(pod.getUid() + "/" + c.getName(), c);
      }
    }
    return map;
  }
}
