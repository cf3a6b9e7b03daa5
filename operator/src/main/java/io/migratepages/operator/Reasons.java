package io.migratepages.operator;

/** Machine-readable reasons the operator writes into conditions, pod entries and Events. */
public final class Reasons {
  // Whole-migration outcomes (conditions, Events).
  public static final String INVALID_SPEC = "InvalidSpec";
  public static final String NO_MATCHING_PODS = "NoMatchingPods";
  public static final String DISPATCHED = "Dispatched";
  public static final String MIGRATION_RUNNING = "MigrationRunning";
  public static final String WAITING_FOR_AGENTS = "WaitingForAgents";
  public static final String MIGRATION_COMPLETE = "MigrationComplete";
  public static final String SUCCEEDED = "Succeeded";
  public static final String PARTIALLY_SUCCEEDED = "PartiallySucceeded";
  public static final String FAILED = "Failed";
  public static final String NO_WORK_LEFT = "NodeMigrationsDeleted";

  // Pod entries decided by the operator before or instead of the agent.
  public static final String POD_NOT_RUNNING = "PodNotRunning";
  public static final String POD_NOT_SCHEDULED = "PodNotScheduled";
  public static final String CONTAINER_NOT_FOUND = "ContainerNotFound";
  public static final String CONTAINER_NOT_RUNNING = "ContainerNotRunning";
  public static final String AGENT_UNAVAILABLE = "AgentUnavailable";
  public static final String WAITING_FOR_AGENT = "WaitingForAgent";
  public static final String NOT_REPORTED = "NotReportedByAgent";

  // Event reasons.
  public static final String EVENT_STARTED = "MigrationStarted";
  public static final String EVENT_POD_FAILED = "PodMigrationFailed";
  public static final String EVENT_SUCCEEDED = "MigrationSucceeded";
  public static final String EVENT_PARTIALLY_SUCCEEDED = "MigrationPartiallySucceeded";
  public static final String EVENT_FAILED = "MigrationFailed";

  private Reasons() {}
}
