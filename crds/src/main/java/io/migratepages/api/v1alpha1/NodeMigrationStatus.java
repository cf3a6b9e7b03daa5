package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

/** Written by the node agent only. */
@Data
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NodeMigrationStatus {
  @JsonPropertyDescription("Pending, Running, Succeeded, PartiallySucceeded or Failed.")
  private MigrationPhase phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription("The agent that took the work (its pod name).")
  private String agent;

  @JsonPropertyDescription("When the agent took the work (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When the agent finished (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription(
      "Why the agent refused or failed the whole node's work, e.g. AgentNotCapable, InvalidNodeSpec.")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  @JsonPropertyDescription("Per-pod results.")
  private List<PodMigrationStatus> pods = new ArrayList<>();
}
