package io.migratepages.engine.cgroup;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Finds a pod's cgroup directory in one hierarchy: discovers the kubepods root(s), then checks the
 * pod directory of each QoS class there, the given class first.
 */
final class PodDirectoryLocator {
  private final KubepodsRootFinder rootFinder;

  PodDirectoryLocator(KubepodsRootFinder rootFinder) {
    this.rootFinder = rootFinder;
  }

  /** The outcome in one hierarchy, able to say where it looked. */
  record Search(
      CgroupHierarchy hierarchy,
      int searchDepth,
      KubepodsRootFinder.Result roots,
      List<Path> tried,
      Optional<PodCgroup> found) {

    String describe() {
      StringBuilder text = new StringBuilder(hierarchy.describe()).append(": ");
      if (roots.roots().isEmpty()) {
        text.append("no kubepods root (kubepods, kubepods.slice, *-kubepods.slice) within ")
            .append(searchDepth)
            .append(" levels");
      } else {
        text.append("kubepods root ")
            .append(
                roots.roots().stream()
                    .map(KubepodsRoot::describe)
                    .collect(Collectors.joining(", ")));
        if (found.isPresent()) {
          text.append(", pod directory ").append(found.get().directory());
        } else {
          text.append(", no pod directory among ").append(tried);
        }
      }
      roots.notes().forEach(note -> text.append(" (").append(note).append(')'));
      return text.toString();
    }
  }

  Search find(CgroupHierarchy hierarchy, PodRef pod) {
    KubepodsRootFinder.Result roots = rootFinder.find(hierarchy.root());
    List<Path> tried = new ArrayList<>();
    for (KubepodsRoot root : roots.roots()) {
      for (QosClass qos : classesToTry(pod)) {
        Path candidate = podDirectory(root, qos, pod);
        tried.add(candidate);
        if (Files.isDirectory(candidate, LinkOption.NOFOLLOW_LINKS)) {
          return new Search(
              hierarchy,
              rootFinder.maxDepth(),
              roots,
              tried,
              Optional.of(new PodCgroup(hierarchy, root, candidate, qos)));
        }
      }
    }
    return new Search(hierarchy, rootFinder.maxDepth(), roots, tried, Optional.empty());
  }

  private static Set<QosClass> classesToTry(PodRef pod) {
    Set<QosClass> order = new LinkedHashSet<>();
    pod.qos().ifPresent(order::add);
    order.addAll(List.of(QosClass.values()));
    return order;
  }

  /**
   * The kubelet's naming: systemd slices repeat their parents' names ({@code
   * kubelet-kubepods-burstable-pod<uid_>.slice}), cgroupfs nests plain names.
   */
  static Path podDirectory(KubepodsRoot root, QosClass qos, PodRef pod) {
    if (root.driver() == CgroupDriver.SYSTEMD) {
      String stem = root.sliceStem();
      String podSlice = "-pod" + pod.systemdUid() + ".slice";
      if (qos == QosClass.GUARANTEED) {
        return root.directory().resolve(stem + podSlice);
      }
      String qosStem = stem + "-" + qos.cgroupName();
      return root.directory().resolve(qosStem + ".slice").resolve(qosStem + podSlice);
    }
    Path parent =
        qos == QosClass.GUARANTEED ? root.directory() : root.directory().resolve(qos.cgroupName());
    return parent.resolve("pod" + pod.uid());
  }

  /** For messages when no kubepods root was found at all. */
  static String expectedNames(PodRef pod) {
    return "kubepods.slice/kubepods-pod"
        + pod.systemdUid()
        + ".slice, kubepods.slice/kubepods-{burstable,besteffort}.slice/kubepods-{burstable,besteffort}-pod"
        + pod.systemdUid()
        + ".slice (systemd) or kubepods/[burstable/|besteffort/]pod"
        + pod.uid()
        + " (cgroupfs)";
  }
}
