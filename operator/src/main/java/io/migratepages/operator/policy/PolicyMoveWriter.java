package io.migratepages.operator.policy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.format.Hashes;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.operator.NodeMigrationDispatcher;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns a move into a NumaMigration owned by the policy (deleted with it by the garbage collector),
 * in Bounded mode with the policy's budget and rate, and deletes expired history.
 */
public class PolicyMoveWriter {
  private static final int MAX_BASE = 52;
  private static final int HASH_CHARS = 10;

  private final KubernetesClient client;

  public PolicyMoveWriter(KubernetesClient client) {
    this.client = client;
  }

  public NumaMigration create(NumaPlacementPolicy policy, Move move, Instant now) {
    return client.resource(desired(policy, move, now)).create();
  }

  public void delete(NumaMigration migration) {
    client.resource(migration).delete();
  }

  static NumaMigration desired(NumaPlacementPolicy policy, Move move, Instant now) {
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setPodName(move.pod());
    spec.setContainers(move.containers());
    spec.setFromNodes(move.fromNodes());
    spec.setToNodes(move.toNodes());
    spec.setMode(MoveMode.Bounded);
    spec.setMaxPausePerCall(policy.getSpec().getMaxPausePerCall());
    spec.setRateLimit(policy.getSpec().getRateLimit());
    NumaMigration migration = new NumaMigration();
    migration.setMetadata(
        new ObjectMetaBuilder()
            .withName(nameOf(policy, move, now))
            .withNamespace(policy.getMetadata().getNamespace())
            .withLabels(
                Map.of(
                    ApiGroup.POLICY_LABEL,
                    ApiGroup.labelValue(policy.getMetadata().getName()),
                    ApiGroup.POD_LABEL,
                    ApiGroup.labelValue(move.pod()),
                    NodeMigrationDispatcher.MANAGED_BY_LABEL,
                    NodeMigrationDispatcher.MANAGED_BY))
            .withAnnotations(
                Map.of(
                    ApiGroup.POLICY_NODE_ANNOTATION,
                    move.node(),
                    ApiGroup.POLICY_OFF_TARGET_ANNOTATION,
                    Long.toString(move.offTargetBytes())))
            .withOwnerReferences(List.of(NodeMigrationDispatcher.controllerReference(policy)))
            .build());
    migration.setSpec(spec);
    return migration;
  }

  /** {@code <policy>-<pod>}, shortened, and a hash of the policy, pod and moment: unique. */
  static String nameOf(NumaPlacementPolicy policy, Move move, Instant now) {
    String base = policy.getMetadata().getName() + "-" + move.pod();
    if (base.length() > MAX_BASE) {
      base = base.substring(0, MAX_BASE);
    }
    base = base.replaceAll("[-.]+$", "");
    String hash =
        Hashes.sha256Hex(
                policy.getMetadata().getUid() + "/" + move.podUid() + "/" + now.toEpochMilli())
            .substring(0, HASH_CHARS);
    return base + "-" + hash;
  }
}
