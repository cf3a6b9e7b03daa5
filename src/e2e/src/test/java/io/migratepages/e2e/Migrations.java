package io.migratepages.e2e;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import java.util.Map;

/** NumaMigrations as a user would write them in YAML. */
public final class Migrations {
  private Migrations() {}

  /** Moves the memory of the pods matching {@code labels}. */
  public static NumaMigration bySelector(
      String namespace, String name, Map<String, String> labels, String from, String to) {
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    spec.setFromNodes(from);
    spec.setToNodes(to);
    return migration(namespace, name, spec);
  }

  /** Moves the memory of one pod. */
  public static NumaMigration byPodName(
      String namespace, String name, String podName, String from, String to) {
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setPodName(podName);
    spec.setFromNodes(from);
    spec.setToNodes(to);
    return migration(namespace, name, spec);
  }

  private static NumaMigration migration(String namespace, String name, NumaMigrationSpec spec) {
    NumaMigration migration = new NumaMigration();
    migration.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(name).build());
    migration.setSpec(spec);
    return migration;
  }
}
