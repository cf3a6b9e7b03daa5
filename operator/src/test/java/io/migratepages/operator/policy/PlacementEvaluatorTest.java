package io.migratepages.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaNodeTopology;
import io.migratepages.api.v1alpha1.NumaPlacementPolicySpec;
import io.migratepages.api.v1alpha1.OffTargetState;
import io.migratepages.api.v1alpha1.PlacementThreshold;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The policy's judgement and decisions, on reports built in memory (no Kubernetes). */
class PlacementEvaluatorTest {
  private static final long MI = 1L << 20;
  private static final Instant NOW = Instant.parse("2026-12-02T18:00:00Z");

  private final PlacementEvaluator evaluator = new PlacementEvaluator();
  private final Map<String, NodeNumaReportStatus> reports = new HashMap<>();

  /**
   * A host with NUMA nodes 0 (CPUs 0-1) and 1 (CPUs 2-3), both with memory, and node 2 memory-only.
   */
  private NodeNumaReportStatus host(String node) {
    NodeNumaReportStatus report =
        NodeNumaReportStatus.builder()
            .numaNodes(
                new ArrayList<>(
                    List.of(
                        new NumaNodeTopology(0, "0-1", 8L << 30, 4L << 30, new TreeMap<>()),
                        new NumaNodeTopology(1, "2-3", 8L << 30, 4L << 30, new TreeMap<>()),
                        new NumaNodeTopology(2, "", 8L << 30, 4L << 30, new TreeMap<>()))))
            .build();
    reports.put(node, report);
    return report;
  }

  private static ContainerNumaPlacement container(
      String name, String cpuNodes, long... mibPerNode) {
    Map<String, Long> bytes = new TreeMap<>();
    for (int n = 0; n < mibPerNode.length; n++) {
      if (mibPerNode[n] > 0) {
        bytes.put(Integer.toString(n), mibPerNode[n] * MI);
      }
    }
    return ContainerNumaPlacement.builder().name(name).cpuNumaNodes(cpuNodes).bytes(bytes).build();
  }

  private static WatchedPod pod(
      NodeNumaReportStatus report, String name, String node, ContainerNumaPlacement... containers) {
    report.getPods().add(new PodNumaPlacement("ns", name, "uid-" + name, List.of(containers)));
    return new WatchedPod(name, "uid-" + name, node);
  }

  private static PlacementRules rules(NumaPlacementPolicySpec spec) {
    return PlacementRules.of(spec);
  }

  private static NumaPlacementPolicySpec spec() {
    return new NumaPlacementPolicySpec();
  }

  private Evaluation evaluate(PlacementRules rules, List<WatchedPod> pods, List<PastMove> past) {
    return evaluator.evaluate(rules, pods, reports::get, past, NOW);
  }

  private static PodVerdict verdict(Evaluation evaluation, String pod) {
    return evaluation.verdicts().stream()
        .filter(v -> v.pod().equals(pod))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void aPodWhoseMemoryDriftedFromItsCpusIsMovedBackToThem() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "1", 48, 16));

    Evaluation evaluation = evaluate(rules(spec()), List.of(db), List.of());

    assertThat(evaluation.moves())
        .containsExactly(new Move("db-0", "uid-db-0", "w1", List.of("db"), "0", "1", 48 * MI));
    PodVerdict verdict = verdict(evaluation, "db-0");
    assertThat(verdict.judgement()).isEqualTo(PodVerdict.Judgement.OffTarget);
    assertThat(verdict.state()).isEqualTo(OffTargetState.Moving);
    assertThat(verdict.offTargetPercent()).isEqualTo(75);
    assertThat(verdict.target()).isEqualTo("1");
  }

  @Test
  void belowTheThresholdNothingMoves() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "1", 10, 90));

    Evaluation evaluation = evaluate(rules(spec()), List.of(db), List.of());

    assertThat(evaluation.moves()).isEmpty();
    assertThat(verdict(evaluation, "db-0").judgement()).isEqualTo(PodVerdict.Judgement.InTarget);
    assertThat(verdict(evaluation, "db-0").offTargetBytes()).isEqualTo(10 * MI);
  }

  @Test
  void anAmountThresholdActsOnASmallShareOfALargeContainer() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "1", 5, 995));
    NumaPlacementPolicySpec byAmount = spec();
    byAmount.setThreshold(new PlacementThreshold(null, 4L));
    NumaPlacementPolicySpec byShare = spec();
    byShare.setThreshold(new PlacementThreshold(1, null));

    assertThat(evaluate(rules(byAmount), List.of(db), List.of()).moves()).hasSize(1);
    assertThat(evaluate(rules(byShare), List.of(db), List.of()).moves()).isEmpty();
  }

  @Test
  void aPodMovedToTheSameTargetWithinTheCooldownIsLeftAlone() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "1", 48, 16));
    NumaPlacementPolicySpec spec = spec();
    spec.setCooldown("10m");
    PastMove earlier = new PastMove("db-0", "w1", "1", NOW.minus(Duration.ofMinutes(4)), true);

    Evaluation within = evaluate(rules(spec), List.of(db), List.of(earlier));
    Evaluation after =
        evaluator.evaluate(
            rules(spec), List.of(db), reports::get, List.of(earlier), NOW.plusSeconds(361));

    assertThat(within.moves()).isEmpty();
    assertThat(verdict(within, "db-0").state()).isEqualTo(OffTargetState.CoolingDown);
    assertThat(within.nextCooldownEnd()).contains(NOW.plus(Duration.ofMinutes(6)));
    assertThat(after.moves()).hasSize(1);
  }

  @Test
  void aChangedCpuSetIsNotHeldBackByTheCooldownOfTheOldTarget() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "0", 0, 64));
    PastMove toOne = new PastMove("db-0", "w1", "1", NOW.minusSeconds(5), true);

    Evaluation evaluation = evaluate(rules(spec()), List.of(db), List.of(toOne));

    assertThat(evaluation.moves())
        .singleElement()
        .satisfies(m -> assertThat(m.fromNodes() + "->" + m.toNodes()).isEqualTo("1->0"));
  }

  @Test
  void aPodStillMovingIsNotMovedAgain() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "1", 48, 16));
    PastMove running = new PastMove("db-0", "w1", "1", NOW.minus(Duration.ofHours(2)), false);

    Evaluation evaluation = evaluate(rules(spec()), List.of(db), List.of(running));

    assertThat(evaluation.moves()).isEmpty();
    assertThat(verdict(evaluation, "db-0").state()).isEqualTo(OffTargetState.Moving);
  }

  @Test
  void theCapPerKubernetesNodeMovesTheMostOffTargetPodFirst() {
    NodeNumaReportStatus w1 = host("w1");
    NodeNumaReportStatus w2 = host("w2");
    WatchedPod small = pod(w1, "a-small", "w1", container("c", "1", 20, 0));
    WatchedPod large = pod(w1, "b-large", "w1", container("c", "1", 80, 0));
    WatchedPod other = pod(w2, "c-other", "w2", container("c", "1", 30, 0));

    Evaluation evaluation = evaluate(rules(spec()), List.of(small, large, other), List.of());

    assertThat(evaluation.moves()).extracting(Move::pod).containsExactly("b-large", "c-other");
    assertThat(verdict(evaluation, "a-small").state()).isEqualTo(OffTargetState.WaitingForNodeCap);
    assertThat(verdict(evaluation, "a-small").message()).contains("spec.maxPodsMovingPerNode: 1");

    NumaPlacementPolicySpec two = spec();
    two.setMaxPodsMovingPerNode(2);
    assertThat(evaluate(rules(two), List.of(small, large, other), List.of()).moves()).hasSize(3);
    PastMove running = new PastMove("x", "w2", "1", NOW, false);
    assertThat(evaluate(rules(spec()), List.of(other), List.of(running)).moves()).isEmpty();
  }

  @Test
  void podsWithoutAReportAreNotJudged() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod listed = pod(report, "db-0", "w1", container("db", "1", 48, 16));
    WatchedPod unlisted = new WatchedPod("db-1", "uid-db-1", "w1");
    WatchedPod elsewhere = new WatchedPod("db-2", "uid-db-2", "w9");

    Evaluation evaluation =
        evaluate(rules(spec()), List.of(listed, unlisted, elsewhere), List.of());

    assertThat(evaluation.moves()).extracting(Move::pod).containsExactly("db-0");
    assertThat(verdict(evaluation, "db-1").judgement()).isEqualTo(PodVerdict.Judgement.NotReported);
    assertThat(verdict(evaluation, "db-2").message()).contains("w9 has no NodeNumaReport");
  }

  @Test
  void aNamedTargetIgnoresTheCpusAndMovesEveryOffTargetNode() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "0", 10, 20, 30));
    NumaPlacementPolicySpec spec = spec();
    spec.setTarget("1");

    Evaluation evaluation = evaluate(rules(spec), List.of(db), List.of());

    assertThat(evaluation.moves())
        .singleElement()
        .satisfies(
            m -> {
              assertThat(m.fromNodes()).isEqualTo("0,2");
              assertThat(m.toNodes()).isEqualTo("1");
              assertThat(m.offTargetBytes()).isEqualTo(40 * MI);
            });
  }

  @Test
  void aTargetTheHostLacksIsReportedNotActedOn() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db = pod(report, "db-0", "w1", container("db", "0", 10, 20));
    NumaPlacementPolicySpec spec = spec();
    spec.setTarget("5");

    Evaluation evaluation = evaluate(rules(spec), List.of(db), List.of());

    assertThat(evaluation.moves()).isEmpty();
    assertThat(verdict(evaluation, "db-0").state()).isEqualTo(OffTargetState.TargetUnavailable);
    assertThat(verdict(evaluation, "db-0").message()).contains("spec.target").contains("5");
  }

  @Test
  void onlyTheNamedContainersAreJudgedAndMoved() {
    NodeNumaReportStatus report = host("w1");
    WatchedPod db =
        pod(
            report,
            "db-0",
            "w1",
            container("db", "1", 0, 64),
            container("sidecar", "1", 64, 0),
            container("backup", "1", 32, 0));
    NumaPlacementPolicySpec spec = spec();
    spec.setContainers(List.of("db", "backup"));

    Evaluation evaluation = evaluate(rules(spec), List.of(db), List.of());

    assertThat(evaluation.moves())
        .singleElement()
        .satisfies(m -> assertThat(m.containers()).containsExactly("backup"));
  }
}
