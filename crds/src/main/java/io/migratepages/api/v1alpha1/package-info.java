/**
 * The {@code migratepages.io/v1alpha1} API: {@link io.migratepages.api.v1alpha1.NumaMigration}
 * (what users apply), {@link io.migratepages.api.v1alpha1.NumaPlacementPolicy} (a standing rule
 * that creates NumaMigrations) and {@link io.migratepages.api.v1alpha1.NodeMigration} (the
 * operator's per-node work order for the node agent).
 */
package io.migratepages.api.v1alpha1;
