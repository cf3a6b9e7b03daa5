package io.migratepages.agent.port;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One container's host PIDs, or why its cgroup was not found.
 *
 * @param container the container's name in the pod
 * @param pids host PIDs found in its cgroup (empty when not found)
 * @param check re-verifies a PID right before it is touched
 * @param notFound why the container's cgroup was not found; empty when it was
 */
public record ContainerProcesses(
    String container, List<Integer> pids, ProcessCheck check, Optional<String> notFound) {

  public ContainerProcesses {
    Objects.requireNonNull(container, "container");
    pids = List.copyOf(pids);
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(notFound, "notFound");
  }

  public static ContainerProcesses found(String container, List<Integer> pids, ProcessCheck check) {
    return new ContainerProcesses(container, pids, check, Optional.empty());
  }

  public static ContainerProcesses notFound(String container, String why) {
    return new ContainerProcesses(container, List.of(), pid -> Optional.of(why), Optional.of(why));
  }

  public boolean isFound() {
    return notFound.isEmpty();
  }
}
