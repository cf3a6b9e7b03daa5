package io.migratepages.numanodes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The NUMA nodes of the HOST, as the kernel lists them in {@code /sys/devices/system/node}. Never
 * the caller's own cpuset ({@code Mems_allowed}): inside a container that is a subset and would
 * make valid node specs look invalid.
 *
 * @param online {@code /sys/devices/system/node/online}
 * @param withMemory {@code /sys/devices/system/node/has_memory}
 */
public record NumaNodeUniverse(NumaNodeSet online, NumaNodeSet withMemory) {

  /** The sysfs directory the kernel lists NUMA nodes in. */
  public static final Path SYSFS_NODE_DIR = Path.of("/sys/devices/system/node");

  public NumaNodeUniverse {
    Objects.requireNonNull(online, "online");
    Objects.requireNonNull(withMemory, "withMemory");
  }

  /** From the sysfs list strings, e.g. {@code of("0-3", "0-1,3")}. */
  public static NumaNodeUniverse of(String online, String withMemory) {
    return new NumaNodeUniverse(NumaNodeSet.parseList(online), NumaNodeSet.parseList(withMemory));
  }

  /**
   * Reads {@code online} and {@code has_memory} from a sysfs node directory (normally {@link
   * #SYSFS_NODE_DIR}; a mount of the host's sysfs inside a container also works).
   *
   * @throws IOException if a file is missing (no NUMA support in the kernel) or unreadable
   * @throws IllegalArgumentException if a file's content is not a node list
   */
  public static NumaNodeUniverse readFrom(Path nodeDir) throws IOException {
    return of(
        Files.readString(nodeDir.resolve("online")),
        Files.readString(nodeDir.resolve("has_memory")));
  }

  /** Online nodes that have memory: where pages can live and the only valid destinations. */
  public NumaNodeSet memoryNodes() {
    return online.intersect(withMemory);
  }
}
