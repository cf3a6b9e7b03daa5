package io.migratepages.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * The operator's work order for one Kubernetes node: the pods of one NumaMigration that run there.
 * Owned by its NumaMigration and labelled {@value ApiGroup#NODE_LABEL}; the node's agent writes the
 * status.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("nodemig")
@AdditionalPrinterColumn(
    name = "Node",
    jsonPath = ".spec.nodeName",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Phase",
    jsonPath = ".status.phase",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Agent",
    jsonPath = ".status.agent",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class NodeMigration extends CustomResource<NodeMigrationSpec, NodeMigrationStatus>
    implements Namespaced {

  /** Required in the schema: a work order without a spec tells the agent nothing. */
  @Override
  @Required
  public NodeMigrationSpec getSpec() {
    return super.getSpec();
  }
}
