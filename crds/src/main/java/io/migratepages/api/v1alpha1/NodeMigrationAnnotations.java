package io.migratepages.api.v1alpha1;

import java.util.Map;
import java.util.Optional;

/**
 * Annotations by which the operator and the agents hand a NodeMigration over between them (see
 * docs/architecture.md, "The work order").
 */
public final class NodeMigrationAnnotations {
  /**
   * RFC 3339 time the NodeMigration's current spec was written; the agent timeout counts from it.
   */
  public static final String DISPATCHED_AT = ApiGroup.GROUP + "/dispatched-at";

  /**
   * RFC 3339 time the operator gave up waiting for an agent: the work is withdrawn, and an agent
   * that comes late must not start it. Cleared when a new generation is dispatched.
   */
  public static final String WITHDRAWN_AT = ApiGroup.GROUP + "/withdrawn-at";

  private NodeMigrationAnnotations() {}

  public static Optional<String> withdrawnAt(NodeMigration work) {
    Map<String, String> annotations = work.getMetadata().getAnnotations();
    return Optional.ofNullable(annotations == null ? null : annotations.get(WITHDRAWN_AT));
  }

  public static boolean isWithdrawn(NodeMigration work) {
    return withdrawnAt(work).isPresent();
  }
}
