package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NumaMigrationStatus {
  /** Pod entries kept in status; the summary still counts every pod. Keeps the object small. */
  public static final int MAX_PODS = 200;

  /**
   * Per-process entries kept over all listed pods: a pod keeps its first (most telling) processes,
   * at most {@link PodMigrationStatus#MAX_PROCESSES}, fewer when many pods share the budget. The
   * NodeMigrations keep up to MAX_PROCESSES per pod.
   */
  public static final int MAX_PROCESS_ENTRIES = 256;

  @JsonPropertyDescription(
      "Pending, Running, Succeeded, PartiallySucceeded (some pods or processes failed) or Failed.")
  private MigrationPhase phase;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Conditions Accepted (spec valid), Progressing and Ready; for kstatus (Flux) also"
          + " Reconciling (True while the run is under way) and Stalled (True once it ended"
          + " Failed or PartiallySucceeded), absent otherwise. Reasons: InvalidSpec,"
          + " NoMatchingPods, Dispatched, MigrationRunning, WaitingForAgents, MigrationComplete,"
          + " Succeeded, PartiallySucceeded, Failed, NodeMigrationsDeleted, ReconcileError.")
  @Builder.Default
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Counts over every targeted pod.")
  private MigrationSummary summary;

  @JsonPropertyDescription("Pods done out of pods targeted, e.g. 2/3.")
  private String progress;

  @JsonPropertyDescription("Bytes moved, human readable (e.g. 256Mi).")
  private String moved;

  @JsonPropertyDescription(
      "The longest any process was held by one moving call (summary.longestCallMicros), human"
          + " readable (e.g. 830us, 12ms, 2.3s); absent until a process has moved.")
  private String longestPause;

  @JsonPropertyDescription("When this generation's run started (RFC 3339).")
  private String startTime;

  @JsonPropertyDescription("When this generation's run reached a terminal phase (RFC 3339).")
  private String completionTime;

  @JsonPropertyDescription("Per-pod results, at most " + MAX_PODS + " (see podsOmitted).")
  @Builder.Default
  private List<PodMigrationStatus> pods = new ArrayList<>();

  @JsonPropertyDescription("Pods counted in summary but left out of pods to bound the size.")
  private Integer podsOmitted;
}
