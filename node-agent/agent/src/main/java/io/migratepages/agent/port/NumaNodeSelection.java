package io.migratepages.agent.port;

import io.migratepages.numanodes.NumaNodeSet;
import java.util.Objects;

/** A NodeMigration's fromNodes/toNodes, resolved against this host. */
public record NumaNodeSelection(NumaNodeSet from, NumaNodeSet to) {
  public NumaNodeSelection {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
  }

  @Override
  public String toString() {
    return from.describe() + " -> " + to.describe();
  }
}
