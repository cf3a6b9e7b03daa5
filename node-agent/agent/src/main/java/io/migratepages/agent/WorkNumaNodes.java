package io.migratepages.agent;

import io.migratepages.agent.port.HostTopology;
import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.numanodes.NumaNodeSpec.Role;
import io.migratepages.numanodes.NumaNodeUniverse;

/** Resolves a NodeMigration's fromNodes/toNodes against this host's NUMA nodes. */
public final class WorkNumaNodes {
  private final HostTopology host;

  public WorkNumaNodes(HostTopology host) {
    this.host = host;
  }

  /**
   * @throws InvalidNumaNodeSpecException when a spec does not parse or names nodes this host lacks
   * @throws io.migratepages.agent.port.HostTopologyException when the host cannot be read
   */
  public NumaNodeSelection resolve(NodeMigrationSpec spec) {
    NumaNodeUniverse universe = host.universe();
    return new NumaNodeSelection(
        NumaNodeSpec.parse(spec.getFromNodes(), "spec.fromNodes")
            .resolve(universe, Role.SOURCE, "spec.fromNodes"),
        NumaNodeSpec.parse(spec.getToNodes(), "spec.toNodes")
            .resolve(universe, Role.DESTINATION, "spec.toNodes"));
  }
}
