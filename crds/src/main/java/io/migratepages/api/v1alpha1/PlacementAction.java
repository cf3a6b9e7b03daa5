package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.ArrayList;
import java.util.List;
import lombok.AllArgsConstructor;
import lombok.Builder;
import lombok.Data;
import lombok.NoArgsConstructor;

/** One move the policy made: the NumaMigration it created and how that ended. */
@Data
@Builder(toBuilder = true)
@NoArgsConstructor
@AllArgsConstructor
@JsonInclude(JsonInclude.Include.NON_NULL)
public class PlacementAction {
  @JsonPropertyDescription("The NumaMigration created (owned by the policy).")
  private String numaMigration;

  @JsonPropertyDescription("The pod moved.")
  private String pod;

  @JsonPropertyDescription("Its Kubernetes node.")
  private String node;

  @JsonPropertyDescription("The containers moved.")
  @Builder.Default
  private List<String> containers = new ArrayList<>();

  @JsonPropertyDescription("NUMA nodes the memory was moved from (those holding it off target).")
  private String fromNodes;

  @JsonPropertyDescription("NUMA nodes the memory was moved to (the resolved target).")
  private String toNodes;

  @JsonPropertyDescription("Bytes off target when the policy acted.")
  private Long offTargetBytes;

  @JsonPropertyDescription("When the policy acted (RFC 3339).")
  private String time;

  @JsonPropertyDescription("The NumaMigration's phase.")
  private MigrationPhase phase;

  @JsonPropertyDescription("Bytes the NumaMigration moved, human readable.")
  private String moved;
}
