package io.migratepages.agent.port;

/**
 * Moves one process's pages; never throws for a per-process problem (see {@link ProcessOutcome}).
 */
public interface PageMigrator {

  /**
   * Pins {@code pid} (pidfd), asks {@code check} whether it still is the container's process, and
   * moves its pages on {@code nodes.from()} to {@code nodes.to()}.
   */
  ProcessOutcome migrate(int pid, NumaNodeSelection nodes, ProcessCheck check);
}
