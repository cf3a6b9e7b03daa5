package io.migratepages.engine.cgroup;

import java.nio.file.Path;

/** Where a pod's cgroup was found in one hierarchy, and the QoS class its location implies. */
record PodCgroup(
    CgroupHierarchy hierarchy, KubepodsRoot kubepodsRoot, Path directory, QosClass qosClass) {
  CgroupDriver driver() {
    return kubepodsRoot.driver();
  }
}
