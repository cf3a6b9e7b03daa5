package io.migratepages.engine.cgroup;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The outcome for one container: its cgroup and verified PIDs, or why it was not found.
 *
 * @param container the container asked for
 * @param cgroup where it was found; empty when not found
 * @param pids verified host PIDs, sorted, unique; empty when not found or not running
 * @param processDirectories the cgroup directories whose {@code cgroup.procs} listed the PIDs
 * @param diagnostics notes on how it was found, what was skipped and dropped
 * @param error present exactly when the container was not found: says where it looked
 */
public record ContainerResolution(
    ContainerRef container,
    Optional<ContainerCgroup> cgroup,
    List<Integer> pids,
    List<Path> processDirectories,
    List<String> diagnostics,
    Optional<String> error) {

  public ContainerResolution {
    pids = List.copyOf(pids);
    processDirectories = List.copyOf(processDirectories);
    diagnostics = List.copyOf(diagnostics);
  }

  static ContainerResolution found(
      ContainerRef container,
      ContainerCgroup cgroup,
      List<Integer> pids,
      List<Path> processDirectories,
      List<String> diagnostics) {
    return new ContainerResolution(
        container, Optional.of(cgroup), pids, processDirectories, diagnostics, Optional.empty());
  }

  static ContainerResolution notFound(
      ContainerRef container, List<String> diagnostics, String error) {
    return new ContainerResolution(
        container, Optional.empty(), List.of(), List.of(), diagnostics, Optional.of(error));
  }

  public boolean isFound() {
    return cgroup.isPresent();
  }
}
