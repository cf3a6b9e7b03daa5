package io.migratepages.engine.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code /proc/sys/kernel/numa_balancing}: 0 off; bit 0 (value 1) automatic NUMA balancing, which
 * may move pages back towards the CPUs that touch them; bit 1 (value 2) memory-tiering promotion. A
 * missing file (kernel without NUMA balancing) reads as 0.
 */
public record NumaBalancing(int mode) {

  public static NumaBalancing read(HostPaths host) throws IOException {
    Path file = host.proc().resolve("sys/kernel/numa_balancing");
    if (!Files.exists(file)) {
      return new NumaBalancing(0);
    }
    return new NumaBalancing(Integer.parseInt(Files.readString(file).trim()));
  }

  public boolean enabled() {
    return mode != 0;
  }
}
