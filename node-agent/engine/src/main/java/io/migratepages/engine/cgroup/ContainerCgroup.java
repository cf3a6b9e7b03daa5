package io.migratepages.engine.cgroup;

import java.nio.file.Path;
import java.util.List;

/**
 * Where a container's cgroup was found.
 *
 * @param containerName the container's name in the pod
 * @param containerId its CRI container ID
 * @param hierarchy the hierarchy it was found in (v1: memory if possible)
 * @param driver the kubelet's cgroup driver, as the directory names show it
 * @param qosClass the QoS class the pod directory's location implies
 * @param podDirectory the pod's directory
 * @param directory the container's directory (processes may sit in its subdirectories)
 */
public record ContainerCgroup(
    String containerName,
    ContainerId containerId,
    CgroupHierarchy hierarchy,
    CgroupDriver driver,
    QosClass qosClass,
    Path podDirectory,
    Path directory) {

  /** The container directory relative to the hierarchy root, e.g. {@code kubepods/pod…/<id>}. */
  public String relativePath() {
    return hierarchy.relative(directory);
  }

  List<String> relativeComponents() {
    return List.of(relativePath().split("/"));
  }
}
