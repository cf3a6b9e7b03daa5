package io.migratepages.engine.cgroup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds a container's directory among a pod directory's children. Only children are considered, so
 * the pod directory itself (and the sandbox in it) is never taken for a container.
 */
final class ContainerDirectoryLocator {
  private ContainerDirectoryLocator() {}

  record Result(Optional<Path> directory, List<String> expectedNames, List<String> notes) {}

  static Result find(PodCgroup pod, ContainerId containerId) {
    List<String> expected =
        containerId.runtime().containerDirectoryNames(pod.driver(), containerId.id());
    List<String> otherDriver =
        containerId.runtime().containerDirectoryNames(otherDriver(pod.driver()), containerId.id());
    List<String> notes = new ArrayList<>();
    for (String name : expected) {
      Path candidate = pod.directory().resolve(name);
      if (isDirectory(candidate)) {
        return new Result(Optional.of(candidate), expected, notes);
      }
    }
    for (String name : otherDriver) {
      Path candidate = pod.directory().resolve(name);
      if (isDirectory(candidate)) {
        notes.add(
            "container directory "
                + name
                + " is named as under the "
                + otherDriver(pod.driver()).label()
                + " driver although the pod directory is "
                + pod.driver().label()
                + "'s");
        return new Result(Optional.of(candidate), expected, notes);
      }
    }
    List<Path> children;
    try {
      children = KubepodsRootFinder.subdirectories(pod.directory());
    } catch (IOException e) {
      notes.add("cannot list " + pod.directory() + ": " + e);
      children = List.of();
    }
    for (Path child : children) {
      if (child.getFileName().toString().contains(containerId.id())) {
        notes.add(
            "container directory "
                + child.getFileName()
                + " found by its container id; expected one of "
                + expected);
        return new Result(Optional.of(child), expected, notes);
      }
    }
    List<String> all = new ArrayList<>(expected);
    all.addAll(otherDriver);
    return new Result(Optional.empty(), all, notes);
  }

  private static CgroupDriver otherDriver(CgroupDriver driver) {
    return driver == CgroupDriver.SYSTEMD ? CgroupDriver.CGROUPFS : CgroupDriver.SYSTEMD;
  }

  private static boolean isDirectory(Path path) {
    return Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
  }
}
