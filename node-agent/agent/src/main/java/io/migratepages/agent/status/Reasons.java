package io.migratepages.agent.status;

/** Machine-readable reasons the agent writes into NodeMigration status (see PROTOCOL step 2). */
public final class Reasons {
  /** The agent's start-up checks found something that blocks migration. */
  public static final String AGENT_NOT_CAPABLE = "AgentNotCapable";

  /** fromNodes/toNodes do not fit this host's NUMA nodes. */
  public static final String INVALID_NODE_SPEC = "InvalidNodeSpec";

  /** A container's (or the whole pod's) cgroup is gone, e.g. the pod was deleted. */
  public static final String CONTAINER_NOT_FOUND = "ContainerNotFound";

  /** Every process found failed to move. */
  public static final String MIGRATION_FAILED = "MigrationFailed";

  /** No process was there to move (empty cgroups, or every process exited first). */
  public static final String NO_PROCESSES = "NoProcesses";

  /** Every process moved but the kernel reported pages it could not move. */
  public static final String PAGES_NOT_MOVED = "PagesNotMoved";

  /** Some processes moved, others failed. */
  public static final String SOME_PROCESSES_FAILED = "SomeProcessesFailed";

  private Reasons() {}
}
