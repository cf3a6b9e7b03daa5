package io.migratepages.agent;

import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.NodeMigration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Which node this agent serves and the name it signs its work with.
 *
 * @param nodeName the Kubernetes node name
 * @param agentName written into NodeMigration status.agent
 */
public record AgentIdentity(String nodeName, String agentName) {

  public AgentIdentity {
    Objects.requireNonNull(nodeName, "nodeName");
    Objects.requireNonNull(agentName, "agentName");
  }

  /**
   * @throws IllegalStateException naming NODE_NAME and how to set it, when no node name is given
   */
  public static AgentIdentity of(
      Optional<String> nodeName, Optional<String> podName, Supplier<String> hostname) {
    String node = nodeName.map(String::strip).filter(s -> !s.isEmpty()).orElse(null);
    if (node == null) {
      throw new IllegalStateException(
          "NODE_NAME is not set: the agent must know which Kubernetes node it serves. Set the"
              + " environment variable NODE_NAME from the downward API (valueFrom.fieldRef.fieldPath:"
              + " spec.nodeName), or the property migratepages.agent.node-name.");
    }
    String agent = podName.map(String::strip).filter(s -> !s.isEmpty()).orElseGet(hostname);
    return new AgentIdentity(node, agent);
  }

  /** The value of {@link ApiGroup#NODE_LABEL} on this node's NodeMigrations. */
  public String nodeLabelValue() {
    return ApiGroup.labelValue(nodeName);
  }

  /** The label selector the agent's informer watches with. */
  public String labelSelector() {
    return labelSelector(nodeName);
  }

  public static String labelSelector(String nodeName) {
    return ApiGroup.NODE_LABEL + "=" + ApiGroup.labelValue(nodeName);
  }

  /** Whether a NodeMigration is addressed to this node (checked again behind the selector). */
  public boolean serves(NodeMigration work) {
    Map<String, String> labels = work.getMetadata().getLabels();
    return labels != null && nodeLabelValue().equals(labels.get(ApiGroup.NODE_LABEL));
  }
}
