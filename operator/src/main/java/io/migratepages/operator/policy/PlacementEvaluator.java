package io.migratepages.operator.policy;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaNodeTopology;
import io.migratepages.api.v1alpha1.OffTargetState;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Judges where each watched pod's memory sits against the policy's target, from its Kubernetes
 * node's NodeNumaReport, and decides which pods to move now: not one already moving, not one moved
 * to the same target within the cooldown, and no more than the per-Kubernetes-node cap at once.
 * Pure: no Kubernetes calls, no clock of its own.
 */
public class PlacementEvaluator {

  /**
   * @param reportOf the NodeNumaReport status of a Kubernetes node, or null if it has none
   * @param past the policy's earlier moves (running ones count against the cap)
   */
  public Evaluation evaluate(
      PlacementRules rules,
      List<WatchedPod> pods,
      Function<String, NodeNumaReportStatus> reportOf,
      List<PastMove> past,
      Instant now) {
    Map<String, Integer> movingPerNode = new HashMap<>();
    Set<String> movingPods = new HashSet<>();
    Map<String, PastMove> lastByPod = new HashMap<>();
    for (PastMove move : past) {
      if (!move.finished()) {
        movingPods.add(move.pod());
        movingPerNode.merge(move.node(), 1, Integer::sum);
      }
      lastByPod.merge(move.pod(), move, (a, b) -> a.time().isAfter(b.time()) ? a : b);
    }
    List<Judged> judged =
        pods.stream()
            .sorted(Comparator.comparing(WatchedPod::name))
            .map(pod -> judge(rules, pod, reportOf.apply(pod.node())))
            .toList();

    Map<String, PodVerdict> verdicts = new LinkedHashMap<>();
    judged.forEach(j -> verdicts.put(j.pod().name(), j.verdict()));
    List<Move> moves = new ArrayList<>();
    Instant nextCooldownEnd = null;
    List<Judged> actionable =
        judged.stream()
            .filter(j -> j.group() != null)
            .sorted(
                Comparator.comparingLong((Judged j) -> -j.group().offTarget)
                    .thenComparing(j -> j.pod().name()))
            .toList();
    for (Judged j : actionable) {
      WatchedPod pod = j.pod();
      Group group = j.group();
      String toNodes = group.target.toString();
      PastMove last = lastByPod.get(pod.name());
      OffTargetState state;
      String message;
      if (movingPods.contains(pod.name())) {
        state = OffTargetState.Moving;
        message = "a NumaMigration of this policy is still moving it";
      } else if (last != null
          && last.toNodes().equals(toNodes)
          && last.time().plus(rules.cooldown()).isAfter(now)) {
        Instant end = last.time().plus(rules.cooldown());
        state = OffTargetState.CoolingDown;
        message =
            "moved to NUMA nodes "
                + toNodes
                + " at "
                + Timestamps.format(last.time())
                + "; left alone until "
                + Timestamps.format(end)
                + " (spec.cooldown)";
        nextCooldownEnd =
            nextCooldownEnd == null || end.isBefore(nextCooldownEnd) ? end : nextCooldownEnd;
      } else if (movingPerNode.getOrDefault(pod.node(), 0) >= rules.maxPodsMovingPerNode()) {
        state = OffTargetState.WaitingForNodeCap;
        message =
            movingPerNode.get(pod.node())
                + " pods of this policy are moving on Kubernetes node "
                + pod.node()
                + " (spec.maxPodsMovingPerNode: "
                + rules.maxPodsMovingPerNode()
                + ")";
      } else {
        movingPerNode.merge(pod.node(), 1, Integer::sum);
        moves.add(
            new Move(
                pod.name(),
                pod.uid(),
                pod.node(),
                List.copyOf(group.containers),
                group.from.toString(),
                toNodes,
                group.offTarget));
        state = OffTargetState.Moving;
        message =
            "moving "
                + ByteSizes.human(group.offTarget)
                + " of containers "
                + String.join(", ", group.containers)
                + " from NUMA nodes "
                + group.from
                + " to "
                + toNodes;
      }
      verdicts.put(pod.name(), j.verdict().withState(state, message));
    }
    return new Evaluation(
        List.copyOf(verdicts.values()), List.copyOf(moves), Optional.ofNullable(nextCooldownEnd));
  }

  /** Off-target containers sharing one target: what one move carries. */
  private static final class Group {
    final NumaNodeSet target;
    final TreeSet<String> containers = new TreeSet<>();
    NumaNodeSet from = NumaNodeSet.empty();
    long offTarget;

    Group(NumaNodeSet target) {
      this.target = target;
    }
  }

  /** A pod's verdict and, when it is off target and a move could help, the move's group. */
  private record Judged(WatchedPod pod, PodVerdict verdict, Group group) {}

  private static Judged judge(PlacementRules rules, WatchedPod pod, NodeNumaReportStatus report) {
    if (report == null) {
      return notReported(pod, "Kubernetes node " + pod.node() + " has no NodeNumaReport");
    }
    PodNumaPlacement placement =
        report.getPods() == null
            ? null
            : report.getPods().stream()
                .filter(p -> Objects.equals(p.getUid(), pod.uid()))
                .findFirst()
                .orElse(null);
    if (placement == null) {
      return notReported(pod, "not (yet) in the NodeNumaReport of Kubernetes node " + pod.node());
    }
    List<ContainerNumaPlacement> containers =
        placement.getContainers() == null
            ? List.of()
            : placement.getContainers().stream()
                .filter(c -> rules.judges(c.getName()) && c.getError() == null)
                .toList();
    if (containers.isEmpty() || report.getNumaNodes() == null || report.getNumaNodes().isEmpty()) {
      return notReported(
          pod,
          "the NodeNumaReport of Kubernetes node " + pod.node() + " reads none of its containers");
    }
    NumaNodeUniverse universe = universeOf(report.getNumaNodes());
    Map<NumaNodeSet, Group> groups = new LinkedHashMap<>();
    Set<String> targets = new TreeSet<>();
    List<String> unavailable = new ArrayList<>();
    long offTotal = 0;
    long total = 0;
    for (ContainerNumaPlacement container : containers) {
      Map<String, Long> bytes = container.getBytes() == null ? Map.of() : container.getBytes();
      long containerTotal = bytes.values().stream().mapToLong(Long::longValue).sum();
      total += containerTotal;
      NumaNodeSet target;
      try {
        target = targetOf(rules.target(), universe, container);
      } catch (InvalidNumaNodeSpecException e) {
        if (containerTotal > 0) {
          unavailable.add("container " + container.getName() + ": " + e.getMessage());
        }
        continue;
      }
      targets.add(target.toString());
      long off = 0;
      NumaNodeSet from = NumaNodeSet.empty();
      for (Map.Entry<String, Long> e : bytes.entrySet()) {
        int node = Integer.parseInt(e.getKey());
        if (!target.contains(node) && e.getValue() > 0) {
          off += e.getValue();
          from = from.union(NumaNodeSet.of(node));
        }
      }
      offTotal += off;
      if (rules.exceeded(off, containerTotal)) {
        Group group = groups.computeIfAbsent(target, Group::new);
        group.containers.add(container.getName());
        group.from = group.from.union(from);
        group.offTarget += off;
      }
    }
    String target = String.join(" / ", targets);
    if (!groups.isEmpty()) {
      Group largest =
          groups.values().stream().max(Comparator.comparingLong(g -> g.offTarget)).orElseThrow();
      return new Judged(
          pod,
          new PodVerdict(
              pod.name(),
              pod.node(),
              PodVerdict.Judgement.OffTarget,
              largest.target.toString(),
              offTotal,
              total,
              null,
              null),
          largest);
    }
    if (!unavailable.isEmpty()) {
      return new Judged(
          pod,
          new PodVerdict(
              pod.name(),
              pod.node(),
              PodVerdict.Judgement.OffTarget,
              target.isEmpty() ? null : target,
              offTotal,
              total,
              OffTargetState.TargetUnavailable,
              String.join("; ", unavailable)),
          null);
    }
    return new Judged(
        pod,
        new PodVerdict(
            pod.name(),
            pod.node(),
            PodVerdict.Judgement.InTarget,
            target,
            offTotal,
            total,
            null,
            null),
        null);
  }

  /** The NUMA nodes a container's memory belongs on. */
  static NumaNodeSet targetOf(
      NumaNodeSpec target, NumaNodeUniverse universe, ContainerNumaPlacement container) {
    if (!target.isLocal()) {
      return target.resolve(universe, NumaNodeSpec.Role.DESTINATION, "spec.target");
    }
    if (container.getCpuNumaNodes() == null || container.getCpuNumaNodes().isBlank()) {
      throw new InvalidNumaNodeSpecException(
          "local", "spec.target: local: the report gives no NUMA nodes for its CPUs");
    }
    return target.resolveLocal(
        universe, NumaNodeSet.parseList(container.getCpuNumaNodes()), "spec.target");
  }

  static NumaNodeUniverse universeOf(List<NumaNodeTopology> nodes) {
    NumaNodeSet online = NumaNodeSet.empty();
    NumaNodeSet memory = NumaNodeSet.empty();
    for (NumaNodeTopology node : nodes) {
      online = online.union(NumaNodeSet.of(node.getId()));
      if (node.getMemTotalBytes() > 0) {
        memory = memory.union(NumaNodeSet.of(node.getId()));
      }
    }
    return new NumaNodeUniverse(online, memory);
  }

  private static Judged notReported(WatchedPod pod, String message) {
    return new Judged(
        pod,
        new PodVerdict(
            pod.name(), pod.node(), PodVerdict.Judgement.NotReported, null, 0, 0, null, message),
        null);
  }
}
