package io.migratepages.agent.status;

import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.engine.local.TargetNodes;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in one container: its cgroup was not found, or these processes were handled.
 *
 * @param notFound why the container's cgroup was not found; empty when it was
 * @param localTargets with toNodes {@code local}: what it resolved to, by PID
 */
public record ContainerRun(
    String name,
    Optional<String> notFound,
    List<ProcessOutcome> outcomes,
    Map<Integer, TargetNodes> localTargets) {
  public ContainerRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notFound, "notFound");
    outcomes = List.copyOf(outcomes);
    localTargets = Map.copyOf(localTargets);
  }

  public static ContainerRun notFound(String name, String why) {
    return new ContainerRun(name, Optional.of(why), List.of(), Map.of());
  }

  public static ContainerRun of(String name, List<ProcessOutcome> outcomes) {
    return of(name, outcomes, Map.of());
  }

  public static ContainerRun of(
      String name, List<ProcessOutcome> outcomes, Map<Integer, TargetNodes> localTargets) {
    return new ContainerRun(name, Optional.empty(), outcomes, localTargets);
  }

  /** What toNodes {@code local} resolved to for {@code pid}, when it was resolved. */
  public Optional<TargetNodes> localTargets(int pid) {
    return Optional.ofNullable(localTargets.get(pid));
  }
}
