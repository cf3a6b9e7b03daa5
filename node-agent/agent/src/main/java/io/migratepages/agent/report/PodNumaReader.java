package io.migratepages.agent.report;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.engine.cgroup.CgroupResolutionException;
import io.migratepages.engine.cgroup.CgroupResolver;
import io.migratepages.engine.cgroup.ContainerRef;
import io.migratepages.engine.cgroup.ContainerResolution;
import io.migratepages.engine.cgroup.PodRef;
import io.migratepages.engine.cgroup.PodResolution;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.placement.ContainerNumaUsageReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads where a running pod's containers keep their memory: pod UID and container IDs to cgroups
 * and PIDs (the engine's resolver, as for a migration), then numa_maps and cpusets.
 */
public final class PodNumaReader {
  private final CgroupResolver resolver;
  private final ContainerNumaUsageReader usage;

  public PodNumaReader(Path cgroupRoot, Path procRoot) {
    this.resolver = new CgroupResolver(cgroupRoot, procRoot);
    this.usage = new ContainerNumaUsageReader(procRoot);
  }

  /** Empty when the pod is not Running or has no running container with an ID. */
  public Optional<PodNumaUsage> read(Pod pod, NumaTopology topology) {
    if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase())) {
      return Optional.empty();
    }
    List<ContainerRef> refs = new ArrayList<>();
    List<ContainerNumaPlacement> containers = new ArrayList<>();
    for (ContainerStatus status : running(pod)) {
      try {
        refs.add(ContainerRef.of(status.getName(), status.getContainerID()));
      } catch (IllegalArgumentException e) {
        containers.add(NodeNumaReportBuilder.unreadable(status.getName(), e.getMessage()));
      }
    }
    if (refs.isEmpty() && containers.isEmpty()) {
      return Optional.empty();
    }
    String uid = pod.getMetadata().getUid();
    try {
      PodResolution resolution =
          resolver.resolve(PodRef.of(uid, pod.getStatus().getQosClass(), refs));
      for (ContainerResolution container : resolution.containers()) {
        String name = container.container().name();
        containers.add(
            container.cgroup().isPresent()
                ? NodeNumaReportBuilder.container(
                    name,
                    usage.read(container.cgroup().get().directory(), container.pids(), topology))
                : NodeNumaReportBuilder.unreadable(name, container.error().orElse("not found")));
      }
    } catch (CgroupResolutionException | IllegalArgumentException e) {
      refs.forEach(r -> containers.add(NodeNumaReportBuilder.unreadable(r.name(), e.getMessage())));
    }
    return Optional.of(
        new PodNumaUsage(
            pod.getMetadata().getNamespace(), pod.getMetadata().getName(), uid, containers));
  }

  private static List<ContainerStatus> running(Pod pod) {
    List<ContainerStatus> statuses = pod.getStatus().getContainerStatuses();
    if (statuses == null) {
      return List.of();
    }
    return statuses.stream()
        .filter(s -> s.getState() != null && s.getState().getRunning() != null)
        .filter(s -> s.getContainerID() != null && !s.getContainerID().isBlank())
        .toList();
  }
}
