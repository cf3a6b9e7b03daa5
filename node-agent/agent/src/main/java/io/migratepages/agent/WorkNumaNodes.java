package io.migratepages.agent;

import io.migratepages.agent.port.HostTopology;
import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.api.format.ByteRates;
import io.migratepages.api.format.PauseDurations;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.engine.MoveOptions;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.numanodes.NumaNodeSpec.Role;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.time.Duration;

/**
 * Resolves a NodeMigration's fromNodes/toNodes against this host's NUMA nodes (toNodes {@code
 * local} per process, later), and its mode, maxPausePerCall and rateLimit into the engine's move
 * options.
 */
public final class WorkNumaNodes {
  private final HostTopology host;

  public WorkNumaNodes(HostTopology host) {
    this.host = host;
  }

  /**
   * fromNodes and toNodes against this host's NUMA nodes; with toNodes {@code local} only fromNodes
   * is checked here, and {@code local} is left for each process (see {@link WorkTargets.Local}).
   *
   * @throws InvalidNumaNodeSpecException when a spec does not parse or names nodes this host lacks
   * @throws InvalidMoveOptionsException when mode, maxPausePerCall or rateLimit are not valid
   * @throws io.migratepages.agent.port.HostTopologyException when the host cannot be read
   */
  public WorkTargets resolve(NodeMigrationSpec spec) {
    MoveOptions options = moveOptions(spec);
    NumaNodeUniverse universe = host.universe();
    NumaNodeSpec from = NumaNodeSpec.parse(spec.getFromNodes(), "spec.fromNodes");
    NumaNodeSpec to = NumaNodeSpec.parse(spec.getToNodes(), "spec.toNodes");
    NumaNodeSet fromNodes = from.resolve(universe, Role.SOURCE, "spec.fromNodes");
    if (to.isLocal()) {
      return new WorkTargets.Local(from, to, options);
    }
    return new WorkTargets.Fixed(
        new NumaNodeSelection(
            fromNodes, to.resolve(universe, Role.DESTINATION, "spec.toNodes"), options));
  }

  /**
   * The engine's options from mode, maxPausePerCall and rateLimit (an absent mode is Whole, as for
   * work dispatched by an operator that predates the field).
   *
   * @throws InvalidMoveOptionsException naming the field and what is valid
   */
  static MoveOptions moveOptions(NodeMigrationSpec spec) {
    boolean bounded = spec.getMode() == MoveMode.Bounded;
    if (!bounded) {
      if (spec.getMaxPausePerCall() != null || spec.getRateLimit() != null) {
        throw new InvalidMoveOptionsException(ApiGroup.BOUNDED_ONLY);
      }
      return MoveOptions.whole();
    }
    Duration pause = MoveOptions.DEFAULT_MAX_PAUSE;
    long rate = 0;
    try {
      if (spec.getMaxPausePerCall() != null) {
        pause = PauseDurations.parse(spec.getMaxPausePerCall());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidMoveOptionsException("spec.maxPausePerCall: " + e.getMessage());
    }
    try {
      if (spec.getRateLimit() != null) {
        rate = ByteRates.parse(spec.getRateLimit());
      }
    } catch (IllegalArgumentException e) {
      throw new InvalidMoveOptionsException("spec.rateLimit: " + e.getMessage());
    }
    return MoveOptions.bounded(pause, rate);
  }

  /** A NodeMigration's mode, maxPausePerCall or rateLimit is not valid. */
  public static final class InvalidMoveOptionsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidMoveOptionsException(String message) {
      super(message);
    }
  }
}
