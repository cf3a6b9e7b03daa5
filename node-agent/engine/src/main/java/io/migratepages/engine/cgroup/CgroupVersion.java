package io.migratepages.engine.cgroup;

/** How the host mounts cgroups under the cgroup root. */
public enum CgroupVersion {
  /** One controller per hierarchy: {@code <root>/memory}, {@code <root>/pids}, ... */
  V1,
  /** One unified tree at {@code <root>} ({@code cgroup.controllers} present at the root). */
  V2,
  /** v1 controllers plus a v2 tree at {@code <root>/unified} (systemd's hybrid mode). */
  HYBRID
}
