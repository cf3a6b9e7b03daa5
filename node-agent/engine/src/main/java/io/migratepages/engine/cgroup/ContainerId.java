package io.migratepages.engine.cgroup;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A CRI container ID as in {@code containerStatuses[].containerID}: {@code <scheme>://<64 hex>}.
 *
 * @param runtime the runtime named by the scheme
 * @param id the 64 lower-case hex digits
 */
public record ContainerId(ContainerRuntime runtime, String id) {
  private static final Pattern HEX_ID = Pattern.compile("[0-9a-f]{64}");

  public ContainerId {
    Objects.requireNonNull(runtime, "runtime");
    if (id == null || !HEX_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "container id '" + id + "' must be 64 lower-case hex digits");
    }
  }

  /**
   * Parses {@code containerd://<64 hex>}, {@code cri-o://<64 hex>} or {@code docker://<64 hex>}.
   *
   * @throws IllegalArgumentException naming the value and what would be valid
   */
  public static ContainerId parse(String containerId) {
    int separator = containerId == null ? -1 : containerId.indexOf("://");
    if (separator <= 0) {
      throw new IllegalArgumentException(
          "containerID '"
              + containerId
              + "' must look like <scheme>://<64 hex digits> with a scheme of "
              + ContainerRuntime.schemes());
    }
    ContainerRuntime runtime = ContainerRuntime.fromScheme(containerId.substring(0, separator));
    String id = containerId.substring(separator + 3);
    if (!HEX_ID.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "containerID '"
              + containerId
              + "': the part after '://' must be 64 lower-case hex digits");
    }
    return new ContainerId(runtime, id);
  }

  /** The first 12 hex digits, as {@code crictl} and {@code docker ps} show them. */
  public String shortId() {
    return id.substring(0, 12);
  }

  @Override
  public String toString() {
    return runtime.scheme() + "://" + id;
  }
}
