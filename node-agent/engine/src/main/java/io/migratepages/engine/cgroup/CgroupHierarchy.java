package io.migratepages.engine.cgroup;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One cgroup hierarchy to search, and how its line in {@code /proc/<pid>/cgroup} is recognised.
 *
 * @param controller the controller naming the hierarchy's line in {@code /proc/<pid>/cgroup}
 *     ({@code memory}, {@code pids}, {@code cpuset}, {@code name=systemd}); empty for the unified
 *     (v2) hierarchy, whose line is {@code 0::<path>}
 * @param root the directory where the hierarchy is mounted
 */
public record CgroupHierarchy(String controller, Path root) {
  public static final String UNIFIED = "";

  public CgroupHierarchy {
    Objects.requireNonNull(controller, "controller");
    Objects.requireNonNull(root, "root");
  }

  public boolean isUnified() {
    return controller.isEmpty();
  }

  /** For messages, e.g. {@code v1 memory at /sys/fs/cgroup/memory}. */
  public String describe() {
    return (isUnified() ? "v2 unified" : "v1 " + controller) + " at " + root;
  }

  /** A directory's path relative to this hierarchy's root, with {@code /} separators. */
  String relative(Path directory) {
    return root.relativize(directory)
        .toString()
        .replace(directory.getFileSystem().getSeparator(), "/");
  }
}
