package io.migratepages.agent.port;

import io.migratepages.engine.local.TargetNodes;
import io.migratepages.numanodes.NumaNodeSpec;

/**
 * Resolves a NodeMigration's fromNodes and toNodes {@code local} for one process, from the CPUs it
 * may run on at this moment (docs/node-sets.md, "local"): called right before its pages move.
 */
@FunctionalInterface
public interface LocalNumaNodes {

  /**
   * @throws io.migratepages.numanodes.InvalidNumaNodeSpecException naming spec.fromNodes or
   *     spec.toNodes, e.g. when none of the process's CPUs is on a NUMA node with memory
   * @throws io.migratepages.engine.MigrationException when the process is gone (NO_SUCH_PROCESS) or
   *     its CPU affinity cannot be read
   */
  TargetNodes resolve(int pid, NumaNodeSpec from, NumaNodeSpec to);
}
