package io.migratepages.agent;

import io.migratepages.agent.port.HostTopology;
import io.migratepages.agent.port.NodeSelection;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.nodeset.InvalidNodeSpecException;
import io.migratepages.nodeset.NodeSpec;
import io.migratepages.nodeset.NodeSpec.Role;
import io.migratepages.nodeset.NodeUniverse;

/** Resolves a NodeMigration's fromNodes/toNodes against this host's NUMA nodes. */
public final class NodeWork {
  private final HostTopology host;

  public NodeWork(HostTopology host) {
    this.host = host;
  }

  /**
   * @throws InvalidNodeSpecException when a spec does not parse or names nodes this host lacks
   * @throws io.migratepages.agent.port.HostTopologyException when the host cannot be read
   */
  public NodeSelection resolve(NodeMigrationSpec spec) {
    NodeUniverse universe = host.universe();
    return new NodeSelection(
        NodeSpec.parse(spec.getFromNodes(), "spec.fromNodes")
            .resolve(universe, Role.SOURCE, "spec.fromNodes"),
        NodeSpec.parse(spec.getToNodes(), "spec.toNodes")
            .resolve(universe, Role.DESTINATION, "spec.toNodes"));
  }
}
