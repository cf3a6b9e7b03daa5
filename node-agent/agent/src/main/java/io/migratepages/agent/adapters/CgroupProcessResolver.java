package io.migratepages.agent.adapters;

import io.migratepages.agent.port.ContainerProcesses;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessResolutionException;
import io.migratepages.agent.port.ProcessResolver;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import io.migratepages.engine.cgroup.CgroupResolutionException;
import io.migratepages.engine.cgroup.CgroupResolver;
import io.migratepages.engine.cgroup.ContainerCgroup;
import io.migratepages.engine.cgroup.ContainerRef;
import io.migratepages.engine.cgroup.ContainerResolution;
import io.migratepages.engine.cgroup.PidVerifier;
import io.migratepages.engine.cgroup.PodRef;
import io.migratepages.engine.cgroup.PodResolution;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/** {@link ProcessResolver} on the engine's cgroup resolver (every layout of docs/cgroups.md). */
public final class CgroupProcessResolver implements ProcessResolver {
  private static final Logger LOG = Logger.getLogger(CgroupProcessResolver.class);

  private final CgroupResolver resolver;

  public CgroupProcessResolver(Path cgroupRoot, Path procRoot) {
    this.resolver = new CgroupResolver(cgroupRoot, procRoot);
  }

  @Override
  public List<ContainerProcesses> resolve(TargetPod pod) {
    List<ContainerProcesses> result = new ArrayList<>();
    List<ContainerRef> refs = new ArrayList<>();
    for (TargetContainer container : pod.getContainers()) {
      try {
        refs.add(ContainerRef.of(container.getName(), container.getContainerId()));
      } catch (IllegalArgumentException e) {
        result.add(ContainerProcesses.notFound(container.getName(), e.getMessage()));
      }
    }
    PodResolution resolution;
    try {
      resolution = resolver.resolve(PodRef.of(pod.getUid(), pod.getQosClass(), refs));
    } catch (CgroupResolutionException e) {
      throw new ProcessResolutionException(e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      // the pod's uid or QoS class cannot name a cgroup: none of its containers can be found
      return pod.getContainers().stream()
          .map(c -> ContainerProcesses.notFound(c.getName(), e.getMessage()))
          .toList();
    }
    resolution.diagnostics().forEach(d -> LOG.debugf("pod %s: %s", pod.getName(), d));
    PidVerifier verifier = resolver.verifier();
    for (ContainerResolution container : resolution.containers()) {
      container.diagnostics().forEach(d -> LOG.debugf("pod %s: %s", pod.getName(), d));
      String name = container.container().name();
      if (container.isFound()) {
        result.add(
            ContainerProcesses.found(
                name, container.pids(), check(verifier, container.cgroup().get())));
      } else {
        result.add(ContainerProcesses.notFound(name, container.error().orElse("not found")));
      }
    }
    // keep the spec's container order (containers with unusable IDs were added first)
    List<String> order = pod.getContainers().stream().map(TargetContainer::getName).toList();
    result.sort(java.util.Comparator.comparingInt(c -> order.indexOf(c.container())));
    return result;
  }

  private static ProcessCheck check(PidVerifier verifier, ContainerCgroup cgroup) {
    return pid -> {
      PidVerifier.Verdict verdict = verifier.verify(pid, cgroup);
      return verdict.belongs() ? Optional.empty() : Optional.of(verdict.reason());
    };
  }
}
