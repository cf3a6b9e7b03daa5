package io.migratepages.engine.cgroup;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The cgroup version and the hierarchies to search, in order of preference.
 *
 * <p>v1 prefers the memory controller (the one page migration is about), then pids, cpuset and
 * systemd's named hierarchy; hybrid adds the unified tree last.
 */
public record CgroupLayout(
    CgroupVersion version, Path cgroupRoot, List<CgroupHierarchy> hierarchies) {
  /** v1 hierarchy directories under the root and the controller naming their /proc line. */
  private static final List<String[]> V1_HIERARCHIES =
      List.of(
          new String[] {"memory", "memory"},
          new String[] {"pids", "pids"},
          new String[] {"cpuset", "cpuset"},
          new String[] {"systemd", "name=systemd"});

  public CgroupLayout {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(cgroupRoot, "cgroupRoot");
    hierarchies = List.copyOf(hierarchies);
  }

  /**
   * Reads the version from the tree: {@code cgroup.controllers} at the root means v2; a {@code
   * memory/} (or pids/cpuset/systemd) directory means v1, hybrid when {@code unified/} exists too.
   *
   * @throws CgroupResolutionException when none of these is there
   */
  public static CgroupLayout detect(Path cgroupRoot) {
    return of(cgroupRoot, detectVersion(cgroupRoot));
  }

  /** The layout for a known version; v1 lists only the controller directories that exist. */
  public static CgroupLayout of(Path cgroupRoot, CgroupVersion version) {
    List<CgroupHierarchy> hierarchies = new ArrayList<>();
    if (version == CgroupVersion.V2) {
      hierarchies.add(new CgroupHierarchy(CgroupHierarchy.UNIFIED, cgroupRoot));
    } else {
      for (String[] dirAndController : V1_HIERARCHIES) {
        Path root = cgroupRoot.resolve(dirAndController[0]);
        if (isDirectory(root)) {
          hierarchies.add(new CgroupHierarchy(dirAndController[1], root));
        }
      }
      if (version == CgroupVersion.HYBRID) {
        hierarchies.add(
            new CgroupHierarchy(CgroupHierarchy.UNIFIED, cgroupRoot.resolve("unified")));
      }
    }
    if (hierarchies.isEmpty()) {
      throw new CgroupResolutionException(
          "cgroup version "
              + version
              + " was given but "
              + cgroupRoot
              + " has none of the v1 hierarchies memory/, pids/, cpuset/, systemd/");
    }
    return new CgroupLayout(version, cgroupRoot, hierarchies);
  }

  static CgroupVersion detectVersion(Path cgroupRoot) {
    if (Files.isRegularFile(cgroupRoot.resolve("cgroup.controllers"))) {
      return CgroupVersion.V2;
    }
    boolean v1 = V1_HIERARCHIES.stream().anyMatch(h -> isDirectory(cgroupRoot.resolve(h[0])));
    if (v1) {
      return isDirectory(cgroupRoot.resolve("unified")) ? CgroupVersion.HYBRID : CgroupVersion.V1;
    }
    throw new CgroupResolutionException(
        "cannot tell the cgroup version at "
            + cgroupRoot
            + ": no cgroup.controllers file (v2) and no memory/, pids/, cpuset/ or systemd/"
            + " directory (v1); is the host's /sys/fs/cgroup mounted there?");
  }

  private static boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }

  /** For messages: each hierarchy's description. */
  public String describe() {
    StringBuilder text = new StringBuilder("cgroup ").append(version).append(" [");
    for (int i = 0; i < hierarchies.size(); i++) {
      text.append(i == 0 ? "" : ", ").append(hierarchies.get(i).describe());
    }
    return text.append(']').toString();
  }
}
