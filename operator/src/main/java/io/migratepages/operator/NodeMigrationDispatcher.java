package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.api.format.Hashes;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.TargetPod;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Writes a NumaMigration's work orders: one NodeMigration per Kubernetes node, in the same
 * namespace, owned by the NumaMigration. Idempotent: a NodeMigration already carrying the
 * NumaMigration's generation is left alone, so restarts and re-applied YAML re-run nothing.
 */
public class NodeMigrationDispatcher {
  public static final String MANAGED_BY_LABEL = "app.kubernetes.io/managed-by";
  public static final String MANAGED_BY = "migratepages-operator";
  private static final int MAX_NAME = 253;
  private static final int HASH_CHARS = 10;

  private final KubernetesClient client;

  public NodeMigrationDispatcher(KubernetesClient client) {
    this.client = client;
  }

  /** What one dispatch wrote. {@code current} holds every NodeMigration of this generation. */
  public record Dispatch(
      List<NodeMigration> current,
      List<NodeMigration> created,
      List<Update> updated,
      List<NodeMigration> deleted) {}

  /** A NodeMigration rewritten for a new generation, with the version it replaced. */
  public record Update(NodeMigration previous, NodeMigration written) {}

  /**
   * Makes the NumaMigration's NodeMigrations match {@code podsByNode}: creates missing ones,
   * rewrites those of an older generation, deletes those of nodes no longer targeted.
   *
   * @param owned the NumaMigration's NodeMigrations as they are now: the operator passes those of
   *     its informer (which it also tells about its own writes, see {@link
   *     NumaMigrationStatusRecorder#rememberDispatch}), saving a LIST request per run
   * @param now read just before each NodeMigration is written, for its dispatched-at annotation:
   *     the agent timeout counts from there, so the last of many writes on a slow API server still
   *     gives its agent the whole timeout
   */
  public Dispatch dispatch(
      NumaMigration migration,
      Collection<NodeMigration> owned,
      Map<String, List<TargetPod>> podsByNode,
      Supplier<Instant> now) {
    long generation = generationOf(migration);
    Map<String, NodeMigration> existing =
        new HashMap<>(
            owned.stream()
                .collect(Collectors.toMap(n -> n.getMetadata().getName(), Function.identity())));

    List<NodeMigration> current = new ArrayList<>();
    List<NodeMigration> created = new ArrayList<>();
    List<Update> updated = new ArrayList<>();
    for (Map.Entry<String, List<TargetPod>> entry : podsByNode.entrySet()) {
      String name = nodeMigrationName(migration.getMetadata().getName(), entry.getKey());
      NodeMigration found = existing.remove(name);
      if (found != null
          && found.getSpec() != null
          && found.getSpec().getMigrationGeneration() == generation) {
        current.add(found);
        continue;
      }
      NodeMigration desired = desired(migration, name, entry.getKey(), entry.getValue(), now.get());
      if (found == null) {
        NodeMigration written = client.resource(desired).create();
        created.add(written);
        current.add(written);
      } else {
        NodeMigration previous = found;
        NodeMigration replacement = desired;
        replacement.getMetadata().setResourceVersion(found.getMetadata().getResourceVersion());
        replacement.getMetadata().setUid(found.getMetadata().getUid());
        replacement.setStatus(found.getStatus());
        NodeMigration written = client.resource(replacement).update();
        updated.add(new Update(previous, written));
        current.add(written);
      }
    }
    List<NodeMigration> deleted = new ArrayList<>(existing.values());
    for (NodeMigration stale : deleted) {
      client.resource(stale).delete();
    }
    return new Dispatch(current, created, updated, deleted);
  }

  /**
   * Marks a NodeMigration that no agent picked up as withdrawn, guarded by the resourceVersion the
   * operator judged it on: if its agent picked it up meanwhile, the write conflicts and nothing is
   * withdrawn (empty). The agent refuses withdrawn work, so exactly one side wins.
   */
  public Optional<NodeMigration> withdraw(NodeMigration work, Instant now) {
    NodeMigration copy = client.getKubernetesSerialization().clone(work);
    Map<String, String> annotations =
        new LinkedHashMap<>(
            copy.getMetadata().getAnnotations() == null
                ? Map.of()
                : copy.getMetadata().getAnnotations());
    annotations.put(NodeMigrationAnnotations.WITHDRAWN_AT, Timestamps.formatMillis(now));
    copy.getMetadata().setAnnotations(annotations);
    try {
      return Optional.of(client.resource(copy).update());
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private static NodeMigration desired(
      NumaMigration migration, String name, String node, List<TargetPod> pods, Instant now) {
    NodeMigration work = new NodeMigration();
    ObjectMeta meta = new ObjectMeta();
    meta.setName(name);
    meta.setNamespace(migration.getMetadata().getNamespace());
    meta.setLabels(
        Map.of(
            ApiGroup.NODE_LABEL,
            ApiGroup.labelValue(node),
            ApiGroup.MIGRATION_LABEL,
            ApiGroup.labelValue(migration.getMetadata().getName()),
            MANAGED_BY_LABEL,
            MANAGED_BY));
    meta.setAnnotations(
        Map.of(NodeMigrationAnnotations.DISPATCHED_AT, Timestamps.formatMillis(now)));
    meta.setOwnerReferences(List.of(controllerReference(migration)));
    work.setMetadata(meta);
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName(node);
    spec.setMigrationName(migration.getMetadata().getName());
    spec.setMigrationGeneration(generationOf(migration));
    spec.setFromNodes(SpecValidator.fromNodesOf(migration.getSpec()));
    spec.setToNodes(migration.getSpec().getToNodes());
    spec.setMode(
        migration.getSpec().getMode() == null ? MoveMode.Whole : migration.getSpec().getMode());
    spec.setMaxPausePerCall(migration.getSpec().getMaxPausePerCall());
    spec.setRateLimit(migration.getSpec().getRateLimit());
    spec.setPods(List.copyOf(pods));
    work.setSpec(spec);
    return work;
  }

  public static OwnerReference controllerReference(HasMetadata owner) {
    return new OwnerReferenceBuilder()
        .withApiVersion(owner.getApiVersion())
        .withKind(owner.getKind())
        .withName(owner.getMetadata().getName())
        .withUid(owner.getMetadata().getUid())
        .withController(true)
        .withBlockOwnerDeletion(true)
        .build();
  }

  public static long generationOf(HasMetadata resource) {
    Long generation = resource.getMetadata().getGeneration();
    return generation == null ? 0 : generation;
  }

  /**
   * {@code <migration>-<labelValue(node)>}; if that exceeds 253 characters, its first part is cut
   * and a hash of the whole appended, so names stay unique, stable and valid DNS subdomains.
   */
  public static String nodeMigrationName(String migrationName, String nodeName) {
    String full = migrationName + "-" + ApiGroup.labelValue(nodeName);
    if (full.length() <= MAX_NAME) {
      return full;
    }
    String prefix = full.substring(0, MAX_NAME - HASH_CHARS - 1).replaceAll("[-.]+$", "");
    return prefix + "-" + Hashes.sha256Hex(full).substring(0, HASH_CHARS);
  }
}
