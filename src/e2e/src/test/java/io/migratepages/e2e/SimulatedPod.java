package io.migratepages.e2e;

import java.util.List;

/**
 * A pod running on a simulated node: what was written to the API server and to the node's cgroup
 * tree.
 */
public record SimulatedPod(
    String namespace,
    String name,
    String uid,
    String qosClass,
    String node,
    List<Container> containers) {

  /** One container with its host PIDs, each holding {@code bytesPerProcess} of memory. */
  public record Container(String name, String containerId, List<Integer> pids, List<Long> bytes) {
    public long totalBytes() {
      return bytes.stream().mapToLong(Long::longValue).sum();
    }
  }

  public SimulatedPod {
    containers = List.copyOf(containers);
  }

  public List<Integer> pids() {
    return containers.stream().flatMap(c -> c.pids().stream()).toList();
  }

  /** Memory of all its processes, which a successful migration moves. */
  public long totalBytes() {
    return containers.stream().mapToLong(Container::totalBytes).sum();
  }
}
