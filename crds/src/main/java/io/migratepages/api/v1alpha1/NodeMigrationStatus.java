package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** Written by the node agent only. */
@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
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
      "Why the agent refused or failed the whole Kubernetes node's work: AgentNotCapable,"
          + " InvalidNodeSpec or AgentError (while retrying, with phase Running; once retries are"
          + " spent, with phase Failed).")
  private String reason;

  @JsonPropertyDescription("Human-readable detail.")
  private String message;

  @JsonPropertyDescription("Per-pod results.")
  @Builder.Default
  private List<PodMigrationStatus> pods = new ArrayList<>();
}
