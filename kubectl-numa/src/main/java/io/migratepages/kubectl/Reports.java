package io.migratepages.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/** The NodeNumaReports, by Kubernetes node name. */
final class Reports {
  private Reports() {}

  /** The reports of those nodes, or of every node when none is named; sorted by node. */
  static List<NodeNumaReport> of(KubernetesClient client, List<String> nodes) {
    var reports = client.resources(NodeNumaReport.class);
    List<NodeNumaReport> found =
        nodes.isEmpty()
            ? reports.list().getItems()
            : nodes.stream().map(n -> reports.withName(n).get()).filter(Objects::nonNull).toList();
    return found.stream().sorted(Comparator.comparing(r -> r.getMetadata().getName())).toList();
  }
}
