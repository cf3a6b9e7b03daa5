package io.migratepages.engine.cgroup;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Resolves a pod's containers to their cgroup directories and verified host PIDs.
 *
 * <p>Stateless and thread-safe: every call detects the layout and searches the tree afresh, since
 * pods and containers come and go (and a kubelet may be reconfigured) between calls.
 */
public final class CgroupResolver {
  public static final Path DEFAULT_CGROUP_ROOT = Path.of("/sys/fs/cgroup");
  public static final Path DEFAULT_PROC_ROOT = Path.of("/proc");

  private final Path cgroupRoot;
  private final CgroupVersion version;
  private final PidVerifier verifier;
  private final PodDirectoryLocator podLocator;
  private final ProcessWalker walker = new ProcessWalker();

  /** Reads the host's {@code /sys/fs/cgroup} and {@code /proc}, detecting the cgroup version. */
  public CgroupResolver() {
    this(DEFAULT_CGROUP_ROOT, DEFAULT_PROC_ROOT, null);
  }

  /** Detects the cgroup version from the tree at {@code cgroupRoot}. */
  public CgroupResolver(Path cgroupRoot, Path procRoot) {
    this(cgroupRoot, procRoot, null);
  }

  /**
   * @param version the cgroup version, or null to detect it from the tree
   */
  public CgroupResolver(Path cgroupRoot, Path procRoot, CgroupVersion version) {
    this(cgroupRoot, procRoot, version, new KubepodsRootFinder());
  }

  CgroupResolver(
      Path cgroupRoot, Path procRoot, CgroupVersion version, KubepodsRootFinder rootFinder) {
    this.cgroupRoot = Objects.requireNonNull(cgroupRoot, "cgroupRoot");
    this.version = version;
    this.verifier = new PidVerifier(Objects.requireNonNull(procRoot, "procRoot"));
    this.podLocator = new PodDirectoryLocator(rootFinder);
  }

  /** The verifier the resolver uses; call it again right before acting on a PID. */
  public PidVerifier verifier() {
    return verifier;
  }

  /**
   * The version and hierarchies that would be searched now.
   *
   * @throws CgroupResolutionException when no cgroup tree is recognisable at the root
   */
  public CgroupLayout layout() {
    return version == null ? CgroupLayout.detect(cgroupRoot) : CgroupLayout.of(cgroupRoot, version);
  }

  /**
   * Finds each container's cgroup and PIDs. A container that cannot be found gets an error saying
   * where it was looked for; the others are still resolved.
   *
   * @throws CgroupResolutionException when no cgroup tree is recognisable at the root
   */
  public PodResolution resolve(PodRef pod) {
    CgroupLayout layout = layout();
    Map<CgroupHierarchy, PodDirectoryLocator.Search> podSearches = new HashMap<>();
    List<ContainerResolution> results = new ArrayList<>();
    for (ContainerRef container : pod.containers()) {
      results.add(resolveContainer(pod, container, layout, podSearches));
    }
    List<String> diagnostics = new ArrayList<>();
    layout.hierarchies().stream()
        .map(podSearches::get)
        .filter(Objects::nonNull)
        .flatMap(search -> search.found().stream())
        .findFirst()
        .flatMap(found -> qosNote(pod, found))
        .ifPresent(diagnostics::add);
    if (pod.containers().isEmpty()) {
      diagnostics.add("no containers given for pod " + pod.uid());
    }
    return new PodResolution(pod, layout, results, diagnostics);
  }

  private ContainerResolution resolveContainer(
      PodRef pod,
      ContainerRef container,
      CgroupLayout layout,
      Map<CgroupHierarchy, PodDirectoryLocator.Search> podSearches) {
    List<String> lookedIn = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    List<String> expectedNames = List.of();
    for (CgroupHierarchy hierarchy : layout.hierarchies()) {
      PodDirectoryLocator.Search podSearch =
          podSearches.computeIfAbsent(hierarchy, h -> podLocator.find(h, pod));
      if (podSearch.found().isEmpty()) {
        lookedIn.add(podSearch.describe());
        continue;
      }
      PodCgroup podCgroup = podSearch.found().get();
      ContainerDirectoryLocator.Result located =
          ContainerDirectoryLocator.find(podCgroup, container.containerId());
      notes.addAll(located.notes());
      if (located.directory().isEmpty()) {
        expectedNames = located.expectedNames();
        lookedIn.add(podSearch.describe() + ", which has none of " + located.expectedNames());
        continue;
      }
      if (!lookedIn.isEmpty()) {
        notes.add(
            "not found in " + String.join("; ", lookedIn) + "; found in " + hierarchy.describe());
      }
      ContainerCgroup cgroup =
          new ContainerCgroup(
              container.name(),
              container.containerId(),
              hierarchy,
              podCgroup.driver(),
              podCgroup.qosClass(),
              podCgroup.directory(),
              located.directory().get());
      return collectProcesses(container, cgroup, notes);
    }
    return ContainerResolution.notFound(
        container, notes, notFoundMessage(pod, container, layout, lookedIn, expectedNames));
  }

  private ContainerResolution collectProcesses(
      ContainerRef container, ContainerCgroup cgroup, List<String> notes) {
    ProcessWalker.Walk walk = walker.walk(cgroup.directory());
    notes.addAll(walk.notes());
    List<Integer> pids = new ArrayList<>();
    for (int pid : walk.pids()) {
      PidVerifier.Verdict verdict = verifier.verify(pid, cgroup);
      if (verdict.belongs()) {
        pids.add(pid);
      } else {
        notes.add("dropped " + verdict.reason());
      }
    }
    if (pids.isEmpty()) {
      notes.add("no running processes under " + cgroup.directory());
    }
    return ContainerResolution.found(container, cgroup, pids, walk.directories(), notes);
  }

  private static String notFoundMessage(
      PodRef pod,
      ContainerRef container,
      CgroupLayout layout,
      List<String> lookedIn,
      List<String> expectedNames) {
    ContainerId id = container.containerId();
    List<String> names = new ArrayList<>(expectedNames);
    if (names.isEmpty()) {
      for (CgroupDriver driver : CgroupDriver.values()) {
        names.addAll(id.runtime().containerDirectoryNames(driver, id.id()));
      }
    }
    return "container '"
        + container.name()
        + "' ("
        + id
        + ") of pod "
        + pod.uid()
        + " not found in "
        + layout.describe()
        + "; looked in: "
        + String.join("; ", lookedIn)
        + "; expected pod directory "
        + PodDirectoryLocator.expectedNames(pod)
        + " holding a container directory named one of "
        + names;
  }

  private static Optional<String> qosNote(PodRef pod, PodCgroup found) {
    if (pod.qos().isEmpty()) {
      return Optional.of(
          "QoS class not given; the pod directory "
              + found.directory()
              + " is "
              + found.qosClass().kubernetesName()
              + "'s");
    }
    if (pod.qos().get() != found.qosClass()) {
      return Optional.of(
          "QoS class given as "
              + pod.qos().get().kubernetesName()
              + " but the pod directory "
              + found.directory()
              + " is "
              + found.qosClass().kubernetesName()
              + "'s; used it");
    }
    return Optional.empty();
  }
}
