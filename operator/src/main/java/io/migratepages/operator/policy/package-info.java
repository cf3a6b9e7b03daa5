/**
 * NumaPlacementPolicy: the continuous placement rule. {@link
 * io.migratepages.operator.policy.PlacementEvaluator} judges pods from the agents' NodeNumaReports
 * (pure, no Kubernetes calls), {@link
 * io.migratepages.operator.policy.NumaPlacementPolicyReconciler} acts on its verdict by creating
 * NumaMigrations owned by the policy. See docs/placement-policies.md.
 */
package io.migratepages.operator.policy;
