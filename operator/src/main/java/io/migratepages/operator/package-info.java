/** The cluster operator: reconciles NumaMigrations into per-node NodeMigrations. */
package io.migratepages.operator;
