package io.migratepages.agent.port;

import io.migratepages.numanodes.NumaNodeUniverse;

/** The host's NUMA nodes, read afresh on each call (nodes can go on- and offline). */
public interface HostTopology {

  /**
   * @throws HostTopologyException when the host's sysfs node directory cannot be read
   */
  NumaNodeUniverse universe();
}
