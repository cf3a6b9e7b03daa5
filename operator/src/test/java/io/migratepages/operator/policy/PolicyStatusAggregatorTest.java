package io.migratepages.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.NumaPlacementPolicySpec;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import io.migratepages.api.v1alpha1.OffTargetState;
import io.migratepages.api.v1alpha1.PodCooldown;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The policy's status: counts, conditions for kstatus, cooldowns carried forward and expired. */
class PolicyStatusAggregatorTest {
  private static final Instant NOW = Instant.parse("2026-12-02T19:00:00Z");
  private final PolicyStatusAggregator aggregator = new PolicyStatusAggregator();

  private static NumaPlacementPolicy policy() {
    NumaPlacementPolicy policy = new NumaPlacementPolicy();
    policy.setMetadata(
        new ObjectMetaBuilder().withName("keep").withNamespace("ns").withGeneration(3L).build());
    NumaPlacementPolicySpec spec = new NumaPlacementPolicySpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build());
    policy.setSpec(spec);
    return policy;
  }

  private static PodVerdict verdict(String pod, PodVerdict.Judgement j, OffTargetState state) {
    return new PodVerdict(pod, "w1", j, "1", 10, 100, state, "m");
  }

  private NumaPlacementPolicyStatus aggregate(NumaPlacementPolicy policy, PodVerdict... verdicts) {
    return aggregator.aggregate(
        policy,
        PlacementRules.of(policy.getSpec()),
        new Evaluation(List.of(verdicts), List.of(), Optional.empty()),
        PolicyHistory.of(List.of()),
        NOW);
  }

  private static Condition condition(NumaPlacementPolicyStatus status, String type) {
    return status.getConditions().stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElse(null);
  }

  @Test
  void offTargetPodsLeaveThePolicyReadyAndAreCountedByState() {
    NumaPlacementPolicyStatus status =
        aggregate(
            policy(),
            verdict("a", PodVerdict.Judgement.InTarget, null),
            verdict("b", PodVerdict.Judgement.OffTarget, OffTargetState.Moving),
            verdict("c", PodVerdict.Judgement.OffTarget, OffTargetState.WaitingForNodeCap),
            verdict("d", PodVerdict.Judgement.NotReported, null));

    assertThat(status.getObservedGeneration()).isEqualTo(3L);
    assertThat(
            List.of(
                status.getPodsWatched(),
                status.getPodsInTarget(),
                status.getPodsOffTarget(),
                status.getPodsMoving(),
                status.getPodsNotReported()))
        .containsExactly(4, 1, 2, 1, 1);
    Condition ready = condition(status, "Ready");
    assertThat(ready.getStatus()).isEqualTo("True");
    assertThat(ready.getReason()).isEqualTo("PodsOffTarget");
    assertThat(ready.getObservedGeneration()).isEqualTo(3L);
    assertThat(ready.getMessage())
        .isEqualTo(
            "2 of 3 pods off target (1 Moving, 1 WaitingForNodeCap); 1 pod not in a NodeNumaReport yet");
    assertThat(status.getConditions()).hasSize(1);
  }

  @Test
  void withoutAnyReportThePolicyIsReconcilingNotReady() {
    NumaPlacementPolicyStatus status =
        aggregate(policy(), verdict("a", PodVerdict.Judgement.NotReported, null));

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Reconciling").getReason()).isEqualTo("WaitingForReports");
    assertThat(condition(status, "Stalled")).isNull();
  }

  @Test
  void anInvalidSpecStallsThePolicy() {
    NumaPlacementPolicyStatus status = aggregator.invalid(policy(), "spec.target: bad", NOW);

    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Stalled").getStatus()).isEqualTo("True");
    assertThat(condition(status, "Stalled").getMessage()).isEqualTo("spec.target: bad");
  }

  @Test
  void cooldownsAreCarriedForwardUntilTheyEnd() {
    NumaPlacementPolicyStatus previous = new NumaPlacementPolicyStatus();
    previous.setCooldowns(
        new ArrayList<>(
            List.of(
                new PodCooldown("old", "1", NOW.minus(Duration.ofMinutes(11)).toString()),
                new PodCooldown("recent", "1", NOW.minus(Duration.ofMinutes(9)).toString()))));
    PolicyHistory history =
        PolicyHistory.of(List.of(PolicyHistoryTest.migration("m", 0, MigrationPhase.Running)));

    List<PodCooldown> kept =
        PolicyStatusAggregator.cooldowns(previous, history, Duration.ofMinutes(10), NOW);

    assertThat(kept).extracting(PodCooldown::getPod).containsExactly("recent");
    assertThat(PolicyStatusAggregator.cooldowns(previous, history, Duration.ofHours(2), NOW))
        .extracting(PodCooldown::getPod)
        .containsExactly("recent", "old", "pod-m");
  }
}
