package io.migratepages.agent.status;

import io.migratepages.agent.port.ProcessOutcome;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened in one container: its cgroup was not found, or these processes were handled.
 *
 * @param notFound why the container's cgroup was not found; empty when it was
 */
public record ContainerRun(String name, Optional<String> notFound, List<ProcessOutcome> outcomes) {
  public ContainerRun {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(notFound, "notFound");
    outcomes = List.copyOf(outcomes);
  }

  public static ContainerRun notFound(String name, String why) {
    return new ContainerRun(name, Optional.of(why), List.of());
  }

  public static ContainerRun of(String name, List<ProcessOutcome> outcomes) {
    return new ContainerRun(name, Optional.empty(), outcomes);
  }
}
