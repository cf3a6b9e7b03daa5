package io.migratepages.engine.cgroup;

/** The kubelet's cgroup driver, recognised from the names of the directories it created. */
public enum CgroupDriver {
  /** {@code kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid_>.slice}. */
  SYSTEMD,
  /** {@code kubepods/burstable/pod<uid>}. */
  CGROUPFS;

  /** Lower-case name for messages. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
