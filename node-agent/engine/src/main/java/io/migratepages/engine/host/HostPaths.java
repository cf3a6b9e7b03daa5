package io.migratepages.engine.host;

import java.nio.file.Path;

/**
 * Where the engine reads the host from. {@code /} in production; a fixture directory in tests (with
 * {@code sys/devices/system/node/...}, {@code proc/<pid>/numa_maps}, {@code proc/self/status},
 * ...).
 */
public record HostPaths(Path root) {

  public static final HostPaths REAL = new HostPaths(Path.of("/"));

  public Path proc() {
    return root.resolve("proc");
  }

  public Path sysfsNodes() {
    return root.resolve("sys/devices/system/node");
  }
}
