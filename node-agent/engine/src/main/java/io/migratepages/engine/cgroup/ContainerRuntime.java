package io.migratepages.engine.cgroup;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The CRI runtime named by a container ID's scheme, and the cgroup names it gives containers. */
public enum ContainerRuntime {
  CONTAINERD("containerd", "cri-containerd-", ""),
  CRIO("cri-o", "crio-", "crio-"),
  DOCKER("docker", "docker-", "");

  private final String scheme;
  private final String systemdScopePrefix;
  private final String cgroupfsPrefix;

  ContainerRuntime(String scheme, String systemdScopePrefix, String cgroupfsPrefix) {
    this.scheme = scheme;
    this.systemdScopePrefix = systemdScopePrefix;
    this.cgroupfsPrefix = cgroupfsPrefix;
  }

  /** The scheme in {@code containerStatuses[].containerID}, e.g. {@code cri-o}. */
  public String scheme() {
    return scheme;
  }

  /** Container directory names for a driver, most likely first. */
  List<String> containerDirectoryNames(CgroupDriver driver, String id) {
    return driver == CgroupDriver.SYSTEMD
        ? List.of(systemdScopePrefix + id + ".scope")
        : List.of(cgroupfsPrefix + id);
  }

  static ContainerRuntime fromScheme(String scheme) {
    for (ContainerRuntime runtime : values()) {
      if (runtime.scheme.equals(scheme.toLowerCase(Locale.ROOT))) {
        return runtime;
      }
    }
    throw new IllegalArgumentException(
        "containerID scheme '" + scheme + "://' is not one of " + schemes());
  }

  static String schemes() {
    return Arrays.stream(values()).map(r -> r.scheme + "://").collect(Collectors.joining(", "));
  }
}
