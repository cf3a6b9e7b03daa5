package io.migratepages.api.v1alpha1;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * Keeps the memory of pods in this namespace on a target set of NUMA nodes (by default the NUMA
 * nodes of each container's CPUs): the operator judges placement from the agents' NodeNumaReports
 * and moves what drifted by creating NumaMigrations owned by the policy. See
 * docs/placement-policies.md.
 */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames({"numapolicy", "npp"})
@AdditionalPrinterColumn(
    name = "Target",
    jsonPath = ".spec.target",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.conditions[?(@.type==\"Ready\")].status",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Pods",
    jsonPath = ".status.podsWatched",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "In Target",
    jsonPath = ".status.podsInTarget",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Off Target",
    jsonPath = ".status.podsOffTarget",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Moving",
    jsonPath = ".status.podsMoving",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Last Action",
    jsonPath = ".status.lastActionTime",
    type = AdditionalPrinterColumn.Type.DATE)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class NumaPlacementPolicy
    extends CustomResource<NumaPlacementPolicySpec, NumaPlacementPolicyStatus>
    implements Namespaced {

  /** Required in the schema: a policy without a spec would select nothing. */
  @Override
  @Required
  public NumaPlacementPolicySpec getSpec() {
    return super.getSpec();
  }
}
