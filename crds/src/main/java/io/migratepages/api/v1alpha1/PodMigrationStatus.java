package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One pod's result: written by the agent into NodeMigration, copied into NumaMigration. */
@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
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
      "Machine-readable cause when not Succeeded. Set by the operator: PodNotRunning,"
          + " PodNotScheduled, ContainerNotFound, ContainerNotRunning, WaitingForAgent (Pending),"
          + " AgentUnavailable, NotReportedByAgent. Set by the node agent: AgentNotCapable,"
          + " InvalidNodeSpec, ContainerNotFound, MigrationFailed, NoProcesses, PagesNotMoved,"
          + " SomeProcessesFailed, AgentError. The README's status section explains each.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  @JsonPropertyDescription("Bytes moved for this pod.")
  private long bytesMoved;

  @JsonPropertyDescription("Pages the kernel could not move for this pod.")
  private long pagesNotMoved;

  @JsonPropertyDescription(
      "Longest single moving call of the pod's processes, in microseconds (all processes, also"
          + " those left out of processes).")
  private long longestCallMicros;

  @JsonPropertyDescription("Pages not moved, by errno name, summed over the pod's processes.")
  @Builder.Default
  private Map<String, Long> notMovedByReason = new TreeMap<>();

  @JsonPropertyDescription("Per-container totals.")
  @Builder.Default
  private List<ContainerMigrationStatus> containers = new ArrayList<>();

  @JsonPropertyDescription(
      "Per-process results, at most " + MAX_PROCESSES + " (see processesOmitted).")
  @Builder.Default
  private List<ProcessMigrationStatus> processes = new ArrayList<>();

  @JsonPropertyDescription("Processes counted in container totals but left out of processes.")
  private Integer processesOmitted;
}
