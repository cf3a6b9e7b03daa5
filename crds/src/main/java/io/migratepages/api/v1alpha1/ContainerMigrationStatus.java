package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;
import lombok.Data;

@Data
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ContainerMigrationStatus {
  @JsonPropertyDescription("Container name.")
  private String name;

  @JsonPropertyDescription("Processes found in the container's cgroup.")
  private int processes;

  @JsonPropertyDescription("Processes whose migration failed.")
  private int processesFailed;

  @JsonPropertyDescription("Bytes moved for this container.")
  private long bytesMoved;

  @JsonPropertyDescription("Pages the kernel could not move for this container.")
  private long pagesNotMoved;

  @JsonPropertyDescription("Bytes per NUMA node (key: node number) before, summed over processes.")
  private Map<String, Long> bytesBefore = new TreeMap<>();

  @JsonPropertyDescription("Bytes per NUMA node (key: node number) after, summed over processes.")
  private Map<String, Long> bytesAfter = new TreeMap<>();
}
