package io.migratepages.agent.report;

import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import java.util.List;

/** One running pod of the node and where its containers' memory sits. */
public record PodNumaUsage(
    String namespace, String name, String uid, List<ContainerNumaPlacement> containers) {
  public PodNumaUsage {
    containers = List.copyOf(containers);
  }
}
