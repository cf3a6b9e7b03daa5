package io.migratepages.operator.policy;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.IndexerResourceCache;
import io.javaoperatorsdk.operator.processing.event.source.SecondaryToPrimaryMapper;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A new NodeNumaReport (memory moved, a CPU set changed) concerns the policies of the namespaces
 * whose pods it lists: they are judged again at once, not at their next check interval.
 */
final class ReportToPolicies implements SecondaryToPrimaryMapper<NodeNumaReport> {
  private final IndexerResourceCache<NumaPlacementPolicy> policies;

  ReportToPolicies(IndexerResourceCache<NumaPlacementPolicy> policies) {
    this.policies = policies;
  }

  @Override
  public Set<ResourceID> toPrimaryResourceIDs(NodeNumaReport report) {
    if (report.getStatus() == null || report.getStatus().getPods() == null) {
      return Set.of();
    }
    return report.getStatus().getPods().stream()
        .map(PodNumaPlacement::getNamespace)
        .filter(Objects::nonNull)
        .distinct()
        .flatMap(policies::list)
        .map(ResourceID::fromResource)
        .collect(Collectors.toSet());
  }
}
