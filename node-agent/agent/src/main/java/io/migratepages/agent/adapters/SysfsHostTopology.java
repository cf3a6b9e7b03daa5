package io.migratepages.agent.adapters;

import io.migratepages.agent.port.HostTopology;
import io.migratepages.agent.port.HostTopologyException;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.io.IOException;
import java.nio.file.Path;

/** The host's online nodes and nodes with memory from {@code <sys>/devices/system/node}. */
public final class SysfsHostTopology implements HostTopology {
  private final Path nodeDir;

  public SysfsHostTopology(Path sysRoot) {
    this.nodeDir = sysRoot.resolve("devices/system/node");
  }

  @Override
  public NumaNodeUniverse universe() {
    try {
      return NumaNodeUniverse.readFrom(nodeDir);
    } catch (IOException | IllegalArgumentException e) {
      throw new HostTopologyException(
          "cannot read the host's NUMA nodes from " + nodeDir + ": " + e.getMessage(), e);
    }
  }
}
