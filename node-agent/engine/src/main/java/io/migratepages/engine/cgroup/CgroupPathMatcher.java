package io.migratepages.engine.cgroup;

import java.util.ArrayList;
import java.util.List;

/**
 * Decides whether a path from {@code /proc/<pid>/cgroup} lies in a container's cgroup subtree.
 *
 * <p>That path is relative to the <em>reader's</em> cgroup namespace root, which need not be the
 * root of the tree we searched: an agent in a private cgroup namespace sees {@code
 * /../../kubepods-burstable-pod….slice/cri-containerd-….scope}, a reader above a nested node (kind)
 * sees extra leading components. So the pod directory and container directory names (which contain
 * the pod UID and the 64-hex container ID) must appear as consecutive components, what follows them
 * is a sub-cgroup, and the components before them must agree with ours wherever both have them (one
 * prefix is a suffix of the other).
 */
final class CgroupPathMatcher {
  private CgroupPathMatcher() {}

  static boolean isUnder(String procPath, List<String> containerComponents) {
    List<String> path = components(procPath);
    int n = containerComponents.size();
    if (n < 2) {
      return false;
    }
    String podName = containerComponents.get(n - 2);
    String containerName = containerComponents.get(n - 1);
    List<String> ourPrefix = containerComponents.subList(0, n - 2);
    for (int i = 1; i < path.size(); i++) {
      if (path.get(i - 1).equals(podName)
          && path.get(i).equals(containerName)
          && alignedFromTheRight(path.subList(0, i - 1), ourPrefix)) {
        return true;
      }
    }
    return false;
  }

  /** The path's components, without the {@code ..} that lead out of the reader's namespace. */
  private static List<String> components(String procPath) {
    List<String> components = new ArrayList<>();
    for (String component : procPath.split("/")) {
      if (component.isEmpty() || component.equals(".")) {
        continue;
      }
      if (component.equals("..") && components.isEmpty()) {
        continue;
      }
      components.add(component);
    }
    return components;
  }

  private static boolean alignedFromTheRight(List<String> a, List<String> b) {
    int overlap = Math.min(a.size(), b.size());
    for (int k = 1; k <= overlap; k++) {
      if (!a.get(a.size() - k).equals(b.get(b.size() - k))) {
        return false;
      }
    }
    return true;
  }
}
