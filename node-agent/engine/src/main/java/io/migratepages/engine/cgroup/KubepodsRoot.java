package io.migratepages.engine.cgroup;

import java.nio.file.Path;

/**
 * The kubelet's top-level pods cgroup inside one hierarchy, e.g. {@code kubepods.slice}, {@code
 * kubelet.slice/kubelet-kubepods.slice} (kind's {@code --cgroup-root=/kubelet}) or {@code
 * kubepods}.
 *
 * @param directory the directory
 * @param driver systemd when the name is a slice, else cgroupfs
 */
public record KubepodsRoot(Path directory, CgroupDriver driver) {

  /** The directory's name without {@code .slice}: {@code kubepods} or {@code kubelet-kubepods}. */
  String sliceStem() {
    String name = directory.getFileName().toString();
    return name.endsWith(".slice") ? name.substring(0, name.length() - ".slice".length()) : name;
  }

  static boolean isKubepodsRootName(String name) {
    return name.equals("kubepods")
        || name.equals("kubepods.slice")
        || name.endsWith("-kubepods.slice");
  }

  static KubepodsRoot of(Path directory) {
    String name = directory.getFileName().toString();
    return new KubepodsRoot(
        directory, name.endsWith(".slice") ? CgroupDriver.SYSTEMD : CgroupDriver.CGROUPFS);
  }

  String describe() {
    return directory + " (" + driver.label() + ")";
  }
}
