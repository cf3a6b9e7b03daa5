package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** A pod whose memory is off target, and what the policy does about it. */
@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OffTargetPod {
  @JsonPropertyDescription("Pod name.")
  private String name;

  @JsonPropertyDescription("Its Kubernetes node.")
  private String node;

  @JsonPropertyDescription("NUMA nodes its memory belongs on (the resolved target).")
  private String target;

  @JsonPropertyDescription("Bytes of its judged containers off target.")
  private long offTargetBytes;

  @JsonPropertyDescription("Share of its judged containers' memory off target, in percent.")
  private int offTargetPercent;

  @JsonPropertyDescription(
      "Moving, CoolingDown (moved less than spec.cooldown ago), WaitingForNodeCap"
          + " (spec.maxPodsMovingPerNode reached) or TargetUnavailable.")
  private OffTargetState state;

  @JsonPropertyDescription("Details, e.g. until when it cools down.")
  private String message;
}
