package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.migratepages.api.format.ByteRates;
import io.migratepages.api.format.PauseDurations;
import java.util.List;
import lombok.Data;

@Data
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@ValidationRule(
    value = "has(self.podName) != has(self.selector)",
    message = "exactly one of spec.podName or spec.selector must be set")
@ValidationRule(
    value =
        "(has(self.mode) && self.mode == 'Bounded')"
            + " || (!has(self.maxPausePerCall) && !has(self.rateLimit))",
    message = ApiGroup.BOUNDED_ONLY)
public class NumaMigrationSpec {

  @JsonPropertyDescription(
      "Name of one pod in this namespace whose memory moves. Exactly one of podName or selector.")
  @Pattern("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$")
  @Size(max = 253)
  private String podName;

  @JsonPropertyDescription(
      "Label selector for the pods in this namespace whose memory moves. Exactly one of podName"
          + " or selector. Pods of other namespaces are never targeted.")
  @SchemaFrom(type = PodSelectorSchema.class)
  private LabelSelector selector;

  @JsonPropertyDescription(
      "Names of the containers whose processes move. Default: every app container of the pod"
          + " (never the pod's sandbox/pause container). At most 32 names, each 1 to 63"
          + " characters, no name twice.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(c, self.exists_one(d, d == c))",
      message = "container names must be unique")
  private List<@Size(min = 1, max = 63) String> containers;

  @JsonPropertyDescription(
      "NUMA nodes to move pages from, in numactl syntax: all, N, N,M, N-M, !spec (all but"
          + " spec), +N (relative to the host's nodes with memory). Default: all. With toNodes"
          + " local, all means every NUMA node with memory outside each process's local nodes.")
  @Default("all")
  @Pattern(ApiGroup.SOURCE_NODE_SPEC_PATTERN)
  @Size(max = ApiGroup.MAX_NODE_SPEC_LENGTH)
  private String fromNodes = "all";

  @JsonPropertyDescription(
      "NUMA nodes to move pages to, in the same syntax, or local. With several nodes each page"
          + " keeps its relative place: the n-th from-node maps to the n-th to-node (modulo their"
          + " number). local: the NUMA nodes (with memory) of the CPUs each process may run on,"
          + " resolved by the node agent for each process at the time of the move from its"
          + " threads' CPU affinity; each process's status shows what it resolved to. A process"
          + " whose CPUs span every NUMA node with memory has nothing to move.")
  @Required
  @Pattern(ApiGroup.NODE_SPEC_PATTERN)
  @Size(max = ApiGroup.MAX_NODE_SPEC_LENGTH)
  private String toNodes;

  @JsonPropertyDescription(
      "How the pages move. Whole (default): one migrate_pages call per process, the fastest, but"
          + " the process stalls for the whole move. Bounded: move_pages calls in batches sized"
          + " so that each call takes at most maxPausePerCall (and the average stays under"
          + " rateLimit): the process runs between calls, and pages not moved are counted by"
          + " reason in the status.")
  @Default("Whole")
  private MoveMode mode = MoveMode.Whole;

  @JsonPropertyDescription(
      "Bounded mode only: the longest one move_pages call may hold the process, a whole number"
          + " and a unit (ns, us, ms, s), from 100us to 10s. Default: 10ms.")
  @Pattern(PauseDurations.PATTERN)
  @Size(max = 16)
  @ValidationRule(
      // Guarded by the pattern, so a malformed value gets the pattern's message alone.
      value =
          "!self.matches('"
              + PauseDurations.PATTERN
              + "') || (duration(self) >= duration('100us') && duration(self) <= duration('10s'))",
      message = "must lie between 100us and 10s")
  private String maxPausePerCall;

  @JsonPropertyDescription(
      "Bounded mode only: at most this many bytes per second on average, a whole number above 0"
          + " with an optional binary suffix (Ki, Mi, Gi, Ti), e.g. 200Mi. Default: no limit.")
  @Pattern(ByteRates.PATTERN)
  @Size(max = 17)
  private String rateLimit;
}
