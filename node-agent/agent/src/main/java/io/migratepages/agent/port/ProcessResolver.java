package io.migratepages.agent.port;

import io.migratepages.api.v1alpha1.TargetPod;
import java.util.List;

/** Finds the host PIDs of a pod's containers through the node's cgroup tree. */
public interface ProcessResolver {

  /**
   * One entry per container of {@code pod.getContainers()}, in that order. A container (or the
   * whole pod) whose cgroup is gone is reported with {@link ContainerProcesses#notFound}.
   *
   * @throws ProcessResolutionException when the cgroup tree itself cannot be read
   */
  List<ContainerProcesses> resolve(TargetPod pod);
}
