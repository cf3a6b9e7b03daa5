package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.migratepages.api.format.ByteRates;
import io.migratepages.api.format.PauseDurations;
import java.util.ArrayList;
import java.util.List;
import lombok.Data;

@Data
public class NodeMigrationSpec {
  @JsonPropertyDescription("Kubernetes node whose agent does this work.")
  @Required
  private String nodeName;

  @JsonPropertyDescription("Name of the NumaMigration this work belongs to.")
  @Required
  private String migrationName;

  @JsonPropertyDescription(
      "metadata.generation of the NumaMigration this work was resolved from; a new value is a new"
          + " run.")
  private long migrationGeneration;

  @JsonPropertyDescription(
      "Node spec to move pages from (numactl syntax), resolved by the agent; with toNodes local,"
          + " all means every NUMA node with memory outside each process's local nodes.")
  @Required
  @Pattern(ApiGroup.SOURCE_NODE_SPEC_PATTERN)
  @Size(max = ApiGroup.MAX_NODE_SPEC_LENGTH)
  private String fromNodes;

  @JsonPropertyDescription(
      "Node spec to move pages to (numactl syntax, or local: the NUMA nodes of the"
          + " CPUs each process may run on), resolved by the agent.")
  @Required
  @Pattern(ApiGroup.NODE_SPEC_PATTERN)
  @Size(max = ApiGroup.MAX_NODE_SPEC_LENGTH)
  private String toNodes;

  @JsonPropertyDescription("Whole or Bounded, copied from the NumaMigration.")
  private MoveMode mode;

  @JsonPropertyDescription(
      "Bounded mode: longest pause per move_pages call (e.g. 10ms), copied from the NumaMigration.")
  @Pattern(PauseDurations.PATTERN)
  @Size(max = 16)
  private String maxPausePerCall;

  @JsonPropertyDescription(
      "Bounded mode: bytes per second (e.g. 200Mi), copied from the NumaMigration.")
  @Pattern(ByteRates.PATTERN)
  @Size(max = 17)
  private String rateLimit;

  @JsonPropertyDescription("Pods on this node and the containers whose processes move.")
  private List<TargetPod> pods = new ArrayList<>();
}
