package io.migratepages.agent.adapters;

import io.migratepages.agent.port.LocalNumaNodes;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.local.TargetNodes;
import io.migratepages.numanodes.NumaNodeSpec;

/**
 * {@link LocalNumaNodes} on the engine: the process's threads' CPU affinity and the host's sysfs
 * cpulists, read afresh on each call.
 */
public final class EngineLocalNumaNodes implements LocalNumaNodes {
  private final MigrationEngine engine;

  public EngineLocalNumaNodes(MigrationEngine engine) {
    this.engine = engine;
  }

  @Override
  public TargetNodes resolve(int pid, NumaNodeSpec from, NumaNodeSpec to) {
    return engine.resolveNodes(pid, from, to, "spec.fromNodes", "spec.toNodes");
  }
}
