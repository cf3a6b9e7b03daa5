package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;
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

  @JsonPropertyDescription(
      "Longest single moving call of the run in microseconds, over every process: the longest"
          + " pause a workload saw.")
  private long longestCallMicros;

  @JsonPropertyDescription("Pages not moved, by errno name, summed over every pod.")
  private Map<String, Long> notMovedByReason = new TreeMap<>();
}
