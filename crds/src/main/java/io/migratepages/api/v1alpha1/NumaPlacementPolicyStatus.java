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
public class NumaPlacementPolicyStatus {
  /** NumaMigrations kept per policy (status.lastActions lists the same ones). */
  public static final int MAX_ACTIONS = 10;

  /** Off-target pods listed; the counts still cover every pod. */
  public static final int MAX_OFF_TARGET_PODS = 20;

  /** Cooldowns remembered; past that the oldest are forgotten (their pods may move earlier). */
  public static final int MAX_COOLDOWNS = 500;

  @JsonPropertyDescription("The metadata.generation this status describes.")
  private Long observedGeneration;

  @JsonPropertyDescription(
      "Ready (True while the policy is enforced) with observedGeneration; for kstatus (Flux)"
          + " also Reconciling (True while pods await their node's report) and Stalled (True"
          + " when the spec is invalid), absent otherwise. Reasons: InvalidSpec, NoMatchingPods,"
          + " WaitingForReports, PodsInTarget, PodsOffTarget, ReconcileError.")
  @Builder.Default
  private List<Condition> conditions = new ArrayList<>();

  @JsonPropertyDescription("Running pods the selector matches.")
  private Integer podsWatched;

  @JsonPropertyDescription("Pods whose memory is within the threshold of the target.")
  private Integer podsInTarget;

  @JsonPropertyDescription("Pods whose memory is off target beyond the threshold.")
  private Integer podsOffTarget;

  @JsonPropertyDescription("Off-target pods a NumaMigration of the policy is moving.")
  private Integer podsMoving;

  @JsonPropertyDescription("Pods not (yet) in their Kubernetes node's NodeNumaReport.")
  private Integer podsNotReported;

  @JsonPropertyDescription("When the policy last created a NumaMigration (RFC 3339).")
  private String lastActionTime;

  @JsonPropertyDescription(
      "The policy's last " + MAX_ACTIONS + " moves, newest first (older ones are deleted).")
  @Builder.Default
  private List<PlacementAction> lastActions = new ArrayList<>();

  @JsonPropertyDescription(
      "Off-target pods, at most " + MAX_OFF_TARGET_PODS + ", the most off target first.")
  @Builder.Default
  private List<OffTargetPod> offTargetPods = new ArrayList<>();

  @JsonPropertyDescription(
      "Each pod's last move while its cooldown may hold it back, at most " + MAX_COOLDOWNS + ".")
  @Builder.Default
  private List<PodCooldown> cooldowns = new ArrayList<>();
}
