package io.migratepages.engine.cgroup;

import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The outcome for a pod: one entry per container asked for, in the order given.
 *
 * @param pod the pod asked for
 * @param layout the cgroup version and hierarchies searched
 * @param containers one result per container
 * @param diagnostics pod-level notes (e.g. the QoS class differed from where the pod was found)
 */
public record PodResolution(
    PodRef pod,
    CgroupLayout layout,
    List<ContainerResolution> containers,
    List<String> diagnostics) {

  public PodResolution {
    containers = List.copyOf(containers);
    diagnostics = List.copyOf(diagnostics);
  }

  public Optional<ContainerResolution> container(String name) {
    return containers.stream().filter(c -> c.container().name().equals(name)).findFirst();
  }

  public boolean allFound() {
    return containers.stream().allMatch(ContainerResolution::isFound);
  }

  /** Every container's PIDs, sorted and unique. */
  public List<Integer> allPids() {
    TreeSet<Integer> pids = new TreeSet<>();
    containers.forEach(c -> pids.addAll(c.pids()));
    return List.copyOf(pids);
  }
}
