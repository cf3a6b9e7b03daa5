package io.migratepages.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * What one Kubernetes node's agent sees of NUMA: the host's NUMA nodes (CPUs, memory, distances)
 * and, per container of the pods running there, bytes per NUMA node and the NUMA nodes of the CPUs
 * it may run on. Cluster-scoped, named after the Kubernetes node, owned by its Node (deleted with
 * it) and written only by that node's agent. See docs/numa-reports.md.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("numareport")
@AdditionalPrinterColumn(
    name = "NUMA Nodes",
    jsonPath = ".status.numaNodeCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "CPUs",
    jsonPath = ".status.cpus",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Memory Free",
    jsonPath = ".status.memory",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Containers",
    jsonPath = ".status.containerCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Reported",
    jsonPath = ".status.reportTime",
    type = AdditionalPrinterColumn.Type.DATE)
public class NodeNumaReport extends CustomResource<NodeNumaReportSpec, NodeNumaReportStatus> {

  /** Required in the schema: the report names its Kubernetes node. */
  @Override
  @Required
  public NodeNumaReportSpec getSpec() {
    return super.getSpec();
  }
}
