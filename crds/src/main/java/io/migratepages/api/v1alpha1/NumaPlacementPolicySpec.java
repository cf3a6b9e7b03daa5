package io.migratepages.api.v1alpha1;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.migratepages.api.format.ByteRates;
import io.migratepages.api.format.IntervalDurations;
import io.migratepages.api.format.PauseDurations;
import java.util.List;
import lombok.Data;

@Data
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class NumaPlacementPolicySpec {
  public static final String DEFAULT_CHECK_INTERVAL = "1m";
  public static final String DEFAULT_COOLDOWN = "10m";
  public static final int DEFAULT_MAX_PODS_MOVING_PER_NODE = 1;
  public static final int MAX_PODS_MOVING_PER_NODE = 64;

  @JsonPropertyDescription(
      "Label selector for the pods in this namespace whose memory the policy keeps on target."
          + " Pods of other namespaces are never targeted; an empty selector is refused.")
  @Required
  @SchemaFrom(type = PodSelectorSchema.class)
  private LabelSelector selector;

  @JsonPropertyDescription(
      "Names of the containers whose memory is judged and moved. Default: every app container"
          + " of the pod. At most 32 names, each 1 to 63 characters, no name twice.")
  @Size(max = 32)
  @ValidationRule(
      value = "self.all(c, self.exists_one(d, d == c))",
      message = "container names must be unique")
  private List<@Size(min = 1, max = 63) String> containers;

  @JsonPropertyDescription(
      "NUMA nodes the memory belongs on: local (default; the NUMA nodes of each container's"
          + " CPUs, as its Kubernetes node's agent reports them) or a node spec in numactl syntax:"
          + " N, N,M, N-M, !spec, +N, all.")
  @Default("local")
  @Pattern(ApiGroup.NODE_SPEC_PATTERN)
  @Size(max = ApiGroup.MAX_NODE_SPEC_LENGTH)
  private String target = "local";

  @JsonPropertyDescription(
      "When a container is off target. Default: more than "
          + PlacementThreshold.DEFAULT_PERCENT
          + "% of its memory off target.")
  private PlacementThreshold threshold;

  @JsonPropertyDescription(
      "How often every selected pod is judged again, "
          + IntervalDurations.FORMS
          + ", "
          + IntervalDurations.RANGE
          + ". A new NodeNumaReport (memory moved, a CPU set changed) is judged at once."
          + " Default: "
          + DEFAULT_CHECK_INTERVAL
          + ".")
  @Default(DEFAULT_CHECK_INTERVAL)
  @Pattern(IntervalDurations.PATTERN)
  @Size(max = 8)
  @ValidationRule(value = IntervalDurations.CEL_RANGE, message = "must lie between 1s and 24h")
  private String checkInterval = DEFAULT_CHECK_INTERVAL;

  @JsonPropertyDescription(
      "After moving a pod, how long the policy leaves it alone (no ping-pong), "
          + IntervalDurations.FORMS
          + ", "
          + IntervalDurations.RANGE
          + ". A pod whose target changed since (its CPU set moved) is not held back."
          + " Default: "
          + DEFAULT_COOLDOWN
          + ".")
  @Default(DEFAULT_COOLDOWN)
  @Pattern(IntervalDurations.PATTERN)
  @Size(max = 8)
  @ValidationRule(value = IntervalDurations.CEL_RANGE, message = "must lie between 1s and 24h")
  private String cooldown = DEFAULT_COOLDOWN;

  @JsonPropertyDescription(
      "The moves run in Bounded mode: the longest one move_pages call may hold the process, a"
          + " whole number and a unit (ns, us, ms, s), from 100us to 10s. Default: 10ms.")
  @Pattern(PauseDurations.PATTERN)
  @Size(max = 16)
  @ValidationRule(
      value =
          "!self.matches('"
              + PauseDurations.PATTERN
              + "') || (duration(self) >= duration('100us') && duration(self) <= duration('10s'))",
      message = "must lie between 100us and 10s")
  private String maxPausePerCall;

  @JsonPropertyDescription(
      "The moves' average rate limit, bytes per second: a whole number above 0 with an optional"
          + " binary suffix (Ki, Mi, Gi, Ti), e.g. 200Mi. Default: no limit.")
  @Pattern(ByteRates.PATTERN)
  @Size(max = 17)
  private String rateLimit;

  @JsonPropertyDescription(
      "At most this many pods (1 to "
          + MAX_PODS_MOVING_PER_NODE
          + ") of this policy move at once on one Kubernetes node. Default: "
          + DEFAULT_MAX_PODS_MOVING_PER_NODE
          + ".")
  @Default("1")
  @Min(1)
  @Max(MAX_PODS_MOVING_PER_NODE)
  private Integer maxPodsMovingPerNode = DEFAULT_MAX_PODS_MOVING_PER_NODE;
}
