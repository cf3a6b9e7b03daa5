package io.migratepages.agent.port;

import io.migratepages.nodeset.NodeSet;
import java.util.Objects;

/** A NodeMigration's fromNodes/toNodes, resolved against this host. */
public record NodeSelection(NodeSet from, NodeSet to) {
  public NodeSelection {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return from.describe() + " -> " + to.describe();
  }
}
