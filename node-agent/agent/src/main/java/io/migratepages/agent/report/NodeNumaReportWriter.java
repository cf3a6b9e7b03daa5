package io.migratepages.agent.report;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NodeNumaReportSpec;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import java.net.HttpURLConnection;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Writes this Kubernetes node's NodeNumaReport: creates it once (named after the node, labelled
 * {@value ApiGroup#NODE_LABEL}, owned by the Node so that deleting the Node deletes it), then
 * replaces its status. Keeps the last object written, so a write is one request; a conflict or a
 * deleted report makes the next write read it again.
 */
public final class NodeNumaReportWriter {
  private static final Logger LOG = Logger.getLogger(NodeNumaReportWriter.class);

  private final KubernetesClient client;
  private final String nodeName;
  private NodeNumaReport last;

  public NodeNumaReportWriter(KubernetesClient client, String nodeName) {
    this.client = client;
    this.nodeName = nodeName;
  }

  public synchronized void write(NodeNumaReportStatus status) {
    try {
      last = replaceStatus(current(), status);
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT
          && e.getCode() != HttpURLConnection.HTTP_NOT_FOUND) {
        throw e;
      }
      last = null;
      last = replaceStatus(current(), status);
    }
  }

  private NodeNumaReport replaceStatus(NodeNumaReport report, NodeNumaReportStatus status) {
    report.setStatus(status);
    return client.resource(report).updateStatus();
  }

  private NodeNumaReport current() {
    if (last != null) {
      return last;
    }
    NodeNumaReport existing = client.resources(NodeNumaReport.class).withName(nodeName).get();
    return existing != null ? existing : client.resource(newReport()).create();
  }

  private NodeNumaReport newReport() {
    ObjectMetaBuilder meta =
        new ObjectMetaBuilder()
            .withName(nodeName)
            .withLabels(Map.of(ApiGroup.NODE_LABEL, ApiGroup.labelValue(nodeName)));
    Node node = client.nodes().withName(nodeName).get();
    if (node != null) {
      meta.withOwnerReferences(
          new OwnerReferenceBuilder()
              .withApiVersion("v1")
              .withKind("Node")
              .withName(nodeName)
              .withUid(node.getMetadata().getUid())
              .build());
    } else {
      LOG.warnf(
          "Node %s not found: its NodeNumaReport is written without an owner and outlives it",
          nodeName);
    }
    NodeNumaReport report = new NodeNumaReport();
    report.setMetadata(meta.build());
    report.setSpec(new NodeNumaReportSpec(nodeName));
    return report;
  }
}
