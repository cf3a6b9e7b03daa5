package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** One pod's result: written by the agent into NodeMigration, copied into NumaMigration. */
@Data
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PodMigrationStatus {
  /** Process entries kept per pod; container totals still count every process. */
  public static final int MAX_PROCESSES = 16;

  @JsonPropertyDescription("Pod name.")
  private String name;

  @JsonPropertyDescription("Kubernetes node the pod runs on.")
  private String node;

  @JsonPropertyDescription("Pending, Running, Succeeded, PartiallySucceeded or Failed.")
  private MigrationPhase phase;

  @JsonPropertyDescription(
      "Machine-readable cause when not Succeeded, e.g. PodNotRunning, PodNotScheduled,"
          + " AgentUnavailable, ContainerNotFound, MigrationFailed, PodGone.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  @JsonPropertyDescription("Bytes moved for this pod.")
  private long bytesMoved;

  @JsonPropertyDescription("Pages the kernel could not move for this pod.")
  private long pagesNotMoved;

  @JsonPropertyDescription("Per-container totals.")
  private List<ContainerMigrationStatus> containers = new ArrayList<>();

  @JsonPropertyDescription(
      "Per-process results, at most " + MAX_PROCESSES + " (see processesOmitted).")
  private List<ProcessMigrationStatus> processes = new ArrayList<>();

  @JsonPropertyDescription("Processes counted in container totals but left out of processes.")
  private Integer processesOmitted;
}
