package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import lombok.AllArgsConstructor;
import lombok.Data;
import lombok.NoArgsConstructor;

@Data
@NoArgsConstructor
@AllArgsConstructor
public class MigrationSummary {
  @JsonPropertyDescription("Pods the spec selected.")
  private int podsTargeted;

  @JsonPropertyDescription("Pods whose processes all moved.")
  private int podsSucceeded;

  @JsonPropertyDescription("Pods that failed, in part or whole (see pods[].reason).")
  private int podsFailed;

  @JsonPropertyDescription("Bytes that left their source nodes, by numa_maps before and after.")
  private long bytesMoved;

  @JsonPropertyDescription(
      "Pages the kernel reported it could not move (migrate_pages' return value), summed.")
  private long pagesNotMoved;
}
