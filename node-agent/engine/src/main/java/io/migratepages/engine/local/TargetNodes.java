package io.migratepages.engine.local;

import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.numanodes.NumaNodeSpec.Role;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * Both node specs of a move resolved for one process, {@code local} included. With TO {@code
 * local}, a FROM of {@code all} means every node with memory outside the local nodes (so the n-th
 * other node maps to the n-th local node).
 *
 * @param local what {@code local} resolved to, when TO is {@code local}
 */
public record TargetNodes(NumaNodeSet from, NumaNodeSet to, Optional<LocalNodes> local) {

  /**
   * @param fromSubject and {@code toSubject}: message prefixes ({@code from-nodes}, {@code
   *     spec.toNodes})
   * @throws InvalidNumaNodeSpecException when a spec does not fit this host or process
   * @throws NoSuchFileException when TO is {@code local} and the process is gone
   */
  public static TargetNodes resolve(
      HostPaths host,
      NumaTopology topology,
      int pid,
      NumaNodeSpec from,
      NumaNodeSpec to,
      String fromSubject,
      String toSubject)
      throws IOException {
    NumaNodeUniverse universe = topology.universe();
    if (!to.isLocal()) {
      return new TargetNodes(
          from.resolve(universe, Role.SOURCE, fromSubject),
          to.resolve(universe, Role.DESTINATION, toSubject),
          Optional.empty());
    }
    LocalNodes local = new ProcessCpuNodes(host).resolve(pid, topology);
    NumaNodeSet toNodes = to.resolveLocal(universe, local.cpuNodes(), toSubject);
    NumaNodeSet fromNodes =
        from.isAll() && !from.inverted() && !from.relative()
            ? universe.memoryNodes().minus(toNodes)
            : from.resolve(universe, Role.SOURCE, fromSubject);
    return new TargetNodes(fromNodes, toNodes, Optional.of(local));
  }
}
