package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Map;
import java.util.TreeMap;
import lombok.Data;

@Data
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ProcessMigrationStatus {
  @JsonPropertyDescription("Host PID.")
  private int pid;

  @JsonPropertyDescription("Container the process belongs to.")
  private String container;

  @JsonPropertyDescription("Succeeded or Failed.")
  private MigrationPhase phase;

  @JsonPropertyDescription("Bytes moved, by numa_maps before and after.")
  private long bytesMoved;

  @JsonPropertyDescription("Pages the kernel could not move (migrate_pages' return value).")
  private long pagesNotMoved;

  @JsonPropertyDescription("Duration of the migrate_pages call in milliseconds.")
  private long elapsedMillis;

  @JsonPropertyDescription("Bytes per NUMA node (key: node number) before the move.")
  private Map<String, Long> bytesBefore = new TreeMap<>();

  @JsonPropertyDescription("Bytes per NUMA node (key: node number) after the move.")
  private Map<String, Long> bytesAfter = new TreeMap<>();

  @JsonPropertyDescription("Whole or Bounded: how the pages moved.")
  private MoveMode mode;

  @JsonPropertyDescription("Moving syscalls made (migrate_pages or move_pages).")
  private long moveCalls;

  @JsonPropertyDescription(
      "Longest single moving call in microseconds: the longest the process was held at once.")
  private long longestCallMicros;

  @JsonPropertyDescription(
      "Pages not moved, by errno name (EBUSY, EACCES, EFAULT, ENOENT, ENOMEM, ...) or"
          + " NOT_MIGRATED (the whole path's count, without a reason). Bounded mode gives the"
          + " reasons.")
  private Map<String, Long> notMovedByReason = new TreeMap<>();

  @JsonPropertyDescription(
      "With toNodes local: the CPUs the process may run on (its threads' CPU affinity), from which"
          + " local was resolved, as a CPU list (e.g. 4-7).")
  private String cpusAllowed;

  @JsonPropertyDescription(
      "With toNodes local: the NUMA nodes the pages were moved from for this process (fromNodes"
          + " all: every NUMA node with memory outside resolvedToNodes); none when its CPUs span"
          + " every NUMA node with memory and nothing had to move.")
  private String resolvedFromNodes;

  @JsonPropertyDescription(
      "With toNodes local: what local resolved to for this process, the NUMA nodes with memory"
          + " of the CPUs it may run on (e.g. 1).")
  private String resolvedToNodes;

  @JsonPropertyDescription("Error or warning detail.")
  private String message;
}
