package io.migratepages.api.v1alpha1;

import io.migratepages.api.format.Hashes;
import io.migratepages.numanodes.NumaNodeSpec;

/** Names shared by the API, the operator, the agent and the chart. */
public final class ApiGroup {
  public static final String GROUP = "migratepages.io";
  public static final String VERSION = "v1alpha1";

  /** On a NodeMigration: the Kubernetes node whose agent must do the work. */
  public static final String NODE_LABEL = GROUP + "/node";

  /** On a NodeMigration: the name of the NumaMigration it belongs to. */
  public static final String MIGRATION_LABEL = GROUP + "/numamigration";

  /** On a NumaMigration a policy created: the NumaPlacementPolicy's name. */
  public static final String POLICY_LABEL = GROUP + "/numaplacementpolicy";

  /** On a NumaMigration a policy created: the name of the pod it moves. */
  public static final String POD_LABEL = GROUP + "/pod";

  /** On a NumaMigration a policy created: the pod's Kubernetes node when the policy acted. */
  public static final String POLICY_NODE_ANNOTATION = GROUP + "/kubernetes-node";

  /** On a NumaMigration a policy created: bytes off target when the policy acted. */
  public static final String POLICY_OFF_TARGET_ANNOTATION = GROUP + "/off-target-bytes";

  /**
   * Syntax of a destination node spec (toNodes, {@code local} included), as admission checks it.
   */
  public static final String NODE_SPEC_PATTERN = NumaNodeSpec.PATTERN;

  /** Syntax of a source node spec (fromNodes): {@link #NODE_SPEC_PATTERN} without {@code local}. */
  public static final String SOURCE_NODE_SPEC_PATTERN = NumaNodeSpec.SOURCE_PATTERN;

  /** Why maxPausePerCall or rateLimit were refused with mode Whole. */
  public static final String BOUNDED_ONLY =
      "spec.maxPausePerCall and spec.rateLimit apply only with spec.mode Bounded";

  /** Longest node spec accepted: room for every NUMA node id up to 1023 listed one by one. */
  public static final int MAX_NODE_SPEC_LENGTH = 4096;

  /**
   * A label value standing for a node or object name. Names are up to 253 characters but label
   * values at most 63: a name that does not fit is replaced by a stable hash, so writer and reader
   * compute the same value.
   */
  public static String labelValue(String name) {
    if (LabelSyntax.problemWithValue(name) == null) {
      return name;
    }
    return "h-" + Hashes.sha256Hex(name).substring(0, 40);
  }

  private ApiGroup() {}
}
