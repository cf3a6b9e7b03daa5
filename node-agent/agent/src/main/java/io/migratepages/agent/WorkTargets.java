package io.migratepages.agent;

import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.engine.MoveOptions;
import io.migratepages.numanodes.NumaNodeSpec;
import java.util.Objects;

/**
 * Where a NodeMigration's pages go, as far as the host alone can tell: fixed NUMA node sets, or
 * {@code local}, which only each process's CPUs decide, right before its pages move.
 */
public sealed interface WorkTargets {

  MoveOptions options();

  /** fromNodes and toNodes resolved against this host: the same for every process. */
  record Fixed(NumaNodeSelection nodes) implements WorkTargets {
    public Fixed {
      Objects.requireNonNull(nodes, "nodes");
    }

    @Override
    public MoveOptions options() {
      return nodes.options();
    }

    @Override
    public String toString() {
      return nodes.toString();
    }
  }

  /**
   * toNodes {@code local}: resolved per process.
   *
   * @param from fromNodes as parsed (checked against this host already)
   */
  record Local(NumaNodeSpec from, NumaNodeSpec to, MoveOptions options) implements WorkTargets {
    public Local {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(options, "options");
      if (!to.isLocal()) {
        throw new IllegalArgumentException(
            "toNodes " + to.text() + " is not " + NumaNodeSpec.LOCAL);
      }
    }

    @Override
    public String toString() {
      return from.text() + " -> " + NumaNodeSpec.LOCAL;
    }
  }
}
