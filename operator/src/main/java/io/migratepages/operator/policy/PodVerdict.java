package io.migratepages.operator.policy;

import io.migratepages.api.v1alpha1.OffTargetState;

/**
 * How one watched pod was judged.
 *
 * @param target the resolved target NUMA nodes (of the containers that decided), or null
 * @param state for an off-target pod, what is done about it; null otherwise
 */
public record PodVerdict(
    String pod,
    String node,
    Judgement judgement,
    String target,
    long offTargetBytes,
    long totalBytes,
    OffTargetState state,
    String message) {

  /** The three outcomes of judging a pod. */
  public enum Judgement {
    InTarget,
    OffTarget,
    /** Its Kubernetes node has no report, or the report does not list it (yet). */
    NotReported
  }

  public int offTargetPercent() {
    return totalBytes <= 0 ? 0 : (int) Math.round(offTargetBytes * 100.0 / totalBytes);
  }

  /** The same verdict with what is done about it. */
  public PodVerdict withState(OffTargetState newState, String newMessage) {
    return new PodVerdict(
        pod, node, judgement, target, offTargetBytes, totalBytes, newState, newMessage);
  }
}
