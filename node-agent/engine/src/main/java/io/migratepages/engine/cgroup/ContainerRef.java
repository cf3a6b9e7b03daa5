package io.migratepages.engine.cgroup;

import java.util.Objects;

/**
 * One container of a pod: its name and CRI container ID. The pod's sandbox (pause) container has no
 * entry here and is therefore never targeted.
 */
public record ContainerRef(String name, ContainerId containerId) {
  public ContainerRef {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("container name must not be empty");
    }
    Objects.requireNonNull(containerId, "containerId of container " + name);
  }

  /** From {@code containerStatuses[].name} and {@code containerStatuses[].containerID}. */
  public static ContainerRef of(String name, String containerId) {
    return new ContainerRef(name, ContainerId.parse(containerId));
  }
}
