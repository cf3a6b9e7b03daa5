package io.migratepages.operator;

import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;

/** Pod entries the operator writes itself, without an agent's report. */
final class Pods {
  private Pods() {}

  static PodMigrationStatus of(
      String name, String node, MigrationPhase phase, PodReason reason, String message) {
    return PodMigrationStatus.builder()
        .name(name)
        .node(node)
        .phase(phase)
        .reason(reason.name())
        .message(message)
        .build();
  }

  static PodMigrationStatus failed(String name, String node, PodReason reason, String message) {
    return of(name, node, MigrationPhase.Failed, reason, message);
  }
}
