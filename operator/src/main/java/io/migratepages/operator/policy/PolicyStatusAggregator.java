package io.migratepages.operator.policy;

import io.fabric8.kubernetes.api.model.Condition;
import io.migratepages.api.format.Plurals;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import io.migratepages.api.v1alpha1.OffTargetPod;
import io.migratepages.api.v1alpha1.OffTargetState;
import io.migratepages.api.v1alpha1.PodCooldown;
import io.migratepages.api.v1alpha1.PolicyConditionReason;
import io.migratepages.operator.Conditions;
import io.migratepages.operator.NodeMigrationDispatcher;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds a policy's status from one evaluation and its history: counts, the last actions, the
 * off-target pods, the cooldowns still running, and the conditions (Ready with observedGeneration;
 * Reconciling and Stalled for kstatus, present only when True).
 */
public class PolicyStatusAggregator {

  /** The status of a spec that cannot be enforced: Ready False and Stalled True. */
  public NumaPlacementPolicyStatus invalid(
      NumaPlacementPolicy policy, String message, Instant now) {
    NumaPlacementPolicyStatus previous = previous(policy);
    List<Condition> conditions =
        Conditions.after(previous.getConditions(), generation(policy), now)
            .set(ConditionType.Ready, false, PolicyConditionReason.InvalidSpec, message)
            .set(ConditionType.Stalled, true, PolicyConditionReason.InvalidSpec, message)
            .toList();
    return previous.toBuilder()
        .observedGeneration(generation(policy))
        .conditions(conditions)
        .offTargetPods(new ArrayList<>())
        .build();
  }

  public NumaPlacementPolicyStatus aggregate(
      NumaPlacementPolicy policy,
      PlacementRules rules,
      Evaluation evaluation,
      PolicyHistory history,
      Instant now) {
    NumaPlacementPolicyStatus previous = previous(policy);
    long watched = evaluation.verdicts().size();
    long inTarget = evaluation.count(PodVerdict.Judgement.InTarget);
    long offTarget = evaluation.count(PodVerdict.Judgement.OffTarget);
    long notReported = evaluation.count(PodVerdict.Judgement.NotReported);
    long moving =
        evaluation.verdicts().stream().filter(v -> v.state() == OffTargetState.Moving).count();
    String lastActionTime =
        history.lastActionTime().map(Timestamps::format).orElse(previous.getLastActionTime());
    return NumaPlacementPolicyStatus.builder()
        .observedGeneration(generation(policy))
        .conditions(conditions(policy, previous, evaluation, now))
        .podsWatched((int) watched)
        .podsInTarget((int) inTarget)
        .podsOffTarget((int) offTarget)
        .podsMoving((int) moving)
        .podsNotReported((int) notReported)
        .lastActionTime(lastActionTime)
        .lastActions(new ArrayList<>(history.actions()))
        .offTargetPods(offTargetPods(evaluation))
        .cooldowns(cooldowns(previous, history, rules.cooldown(), now))
        .build();
  }

  private static List<Condition> conditions(
      NumaPlacementPolicy policy,
      NumaPlacementPolicyStatus previous,
      Evaluation evaluation,
      Instant now) {
    long watched = evaluation.verdicts().size();
    long judged = watched - evaluation.count(PodVerdict.Judgement.NotReported);
    long offTarget = evaluation.count(PodVerdict.Judgement.OffTarget);
    String namespace = policy.getMetadata().getNamespace();
    Conditions conditions = Conditions.after(previous.getConditions(), generation(policy), now);
    if (watched == 0) {
      return conditions
          .set(
              ConditionType.Ready,
              true,
              PolicyConditionReason.NoMatchingPods,
              "no running pod in namespace " + namespace + " matches spec.selector")
          .toList();
    }
    if (judged == 0) {
      String message =
          "none of "
              + Plurals.of(watched, "pod")
              + " is in its Kubernetes node's NodeNumaReport yet (is the node agent running"
              + " there?): "
              + evaluation.verdicts().get(0).message();
      return conditions
          .set(ConditionType.Ready, false, PolicyConditionReason.WaitingForReports, message)
          .set(ConditionType.Reconciling, true, PolicyConditionReason.WaitingForReports, message)
          .toList();
    }
    String unreported =
        judged < watched
            ? "; " + Plurals.of(watched - judged, "pod") + " not in a NodeNumaReport yet"
            : "";
    if (offTarget == 0) {
      return conditions
          .set(
              ConditionType.Ready,
              true,
              PolicyConditionReason.PodsInTarget,
              Plurals.of(judged, "pod") + " in target" + unreported)
          .toList();
    }
    Map<OffTargetState, Long> byState =
        evaluation.verdicts().stream()
            .filter(v -> v.state() != null)
            .collect(
                Collectors.groupingBy(
                    PodVerdict::state, LinkedHashMap::new, Collectors.counting()));
    String states =
        byState.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "));
    return conditions
        .set(
            ConditionType.Ready,
            true,
            PolicyConditionReason.PodsOffTarget,
            offTarget
                + " of "
                + Plurals.of(judged, "pod")
                + " off target ("
                + states
                + ")"
                + unreported)
        .toList();
  }

  private static List<OffTargetPod> offTargetPods(Evaluation evaluation) {
    return evaluation.verdicts().stream()
        .filter(v -> v.judgement() == PodVerdict.Judgement.OffTarget)
        .sorted(
            Comparator.comparingLong((PodVerdict v) -> -v.offTargetBytes())
                .thenComparing(PodVerdict::pod))
        .limit(NumaPlacementPolicyStatus.MAX_OFF_TARGET_PODS)
        .map(
            v ->
                OffTargetPod.builder()
                    .name(v.pod())
                    .node(v.node())
                    .target(v.target())
                    .offTargetBytes(v.offTargetBytes())
                    .offTargetPercent(v.offTargetPercent())
                    .state(v.state())
                    .message(v.message())
                    .build())
        .collect(Collectors.toCollection(ArrayList::new));
  }

  /** Each pod's latest move whose cooldown has not ended, newest first, bounded. */
  static List<PodCooldown> cooldowns(
      NumaPlacementPolicyStatus previous, PolicyHistory history, Duration cooldown, Instant now) {
    Map<String, PastMove> latest = new LinkedHashMap<>();
    for (PastMove move : remembered(previous)) {
      latest.merge(move.pod(), move, PolicyStatusAggregator::later);
    }
    for (PastMove move : history.moves()) {
      latest.merge(move.pod(), move, PolicyStatusAggregator::later);
    }
    return latest.values().stream()
        .filter(m -> m.time().plus(cooldown).isAfter(now))
        .sorted(Comparator.comparing(PastMove::time).reversed().thenComparing(PastMove::pod))
        .limit(NumaPlacementPolicyStatus.MAX_COOLDOWNS)
        .map(m -> new PodCooldown(m.pod(), m.toNodes(), Timestamps.format(m.time())))
        .collect(Collectors.toCollection(ArrayList::new));
  }

  /** The cooldowns of the previous status as finished moves. */
  static List<PastMove> remembered(NumaPlacementPolicyStatus previous) {
    if (previous == null || previous.getCooldowns() == null) {
      return List.of();
    }
    return previous.getCooldowns().stream()
        .map(
            c ->
                new PastMove(
                    c.getPod(),
                    null,
                    c.getToNodes(),
                    Timestamps.parse(c.getTime()).orElse(Instant.EPOCH),
                    true))
        .toList();
  }

  private static PastMove later(PastMove a, PastMove b) {
    return b.time().isAfter(a.time()) ? b : a;
  }

  private static NumaPlacementPolicyStatus previous(NumaPlacementPolicy policy) {
    return policy.getStatus() == null ? new NumaPlacementPolicyStatus() : policy.getStatus();
  }

  private static long generation(NumaPlacementPolicy policy) {
    return NodeMigrationDispatcher.generationOf(policy);
  }
}
