package io.migratepages.agent.port;

import io.migratepages.engine.MoveOptions;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.Objects;

/**
 * A NodeMigration's fromNodes/toNodes, resolved against this host, and how the pages move (its
 * mode, maxPausePerCall and rateLimit).
 */
public record NumaNodeSelection(NumaNodeSet from, NumaNodeSet to, MoveOptions options) {
  public NumaNodeSelection {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(options, "options");
  }

  /** Whole-process moves. */
  public NumaNodeSelection(NumaNodeSet from, NumaNodeSet to) {
    this(from, to, MoveOptions.whole());
  }

  @Override
  public String toString() {
    return from.describe() + " -> " + to.describe();
  }
}
