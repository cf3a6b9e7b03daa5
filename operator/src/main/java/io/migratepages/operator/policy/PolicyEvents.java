package io.migratepages.operator.policy;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import io.migratepages.api.v1alpha1.PlacementAction;
import io.migratepages.api.v1alpha1.PolicyConditionReason;
import io.migratepages.api.v1alpha1.PolicyEventReason;
import io.migratepages.operator.Conditions;
import io.migratepages.operator.MigrationEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * core/v1 Events on a NumaPlacementPolicy: one PodMoveStarted per NumaMigration it creates, one
 * PodMoveSucceeded or PodMoveFailed when that ends, InvalidSpec once per generation. Derived from
 * the change between the old and new status, so a restarted operator does not repeat them.
 */
public class PolicyEvents {
  private final MigrationEvents events;

  public PolicyEvents(MigrationEvents events) {
    this.events = events;
  }

  public record Planned(String type, PolicyEventReason reason, String message) {}

  public static List<Planned> plan(
      NumaPlacementPolicyStatus before,
      NumaPlacementPolicyStatus after,
      List<NumaMigration> created) {
    List<Planned> planned = new ArrayList<>();
    var ready = Conditions.find(after.getConditions(), ConditionType.Ready);
    boolean invalidNow =
        ready
            .map(c -> PolicyConditionReason.InvalidSpec.name().equals(c.getReason()))
            .orElse(false);
    boolean invalidBefore =
        before != null
            && Objects.equals(before.getObservedGeneration(), after.getObservedGeneration())
            && Conditions.find(before.getConditions(), ConditionType.Ready)
                .map(c -> PolicyConditionReason.InvalidSpec.name().equals(c.getReason()))
                .orElse(false);
    if (invalidNow && !invalidBefore) {
      planned.add(
          new Planned(
              MigrationEvents.WARNING, PolicyEventReason.InvalidSpec, ready.get().getMessage()));
    }
    for (NumaMigration migration : created) {
      PlacementAction action = PolicyHistory.actionOf(migration);
      planned.add(
          new Planned(
              MigrationEvents.NORMAL,
              PolicyEventReason.PodMoveStarted,
              "moving "
                  + (action.getOffTargetBytes() == null
                      ? "the memory"
                      : ByteSizes.human(action.getOffTargetBytes()))
                  + " of pod "
                  + action.getPod()
                  + " (containers "
                  + String.join(", ", action.getContainers())
                  + ") on Kubernetes node "
                  + action.getNode()
                  + " from NUMA nodes "
                  + action.getFromNodes()
                  + " to "
                  + action.getToNodes()
                  + ": NumaMigration "
                  + action.getNumaMigration()));
    }
    for (PlacementAction action : justFinished(before, after)) {
      boolean succeeded = action.getPhase() == MigrationPhase.Succeeded;
      planned.add(
          new Planned(
              succeeded ? MigrationEvents.NORMAL : MigrationEvents.WARNING,
              succeeded ? PolicyEventReason.PodMoveSucceeded : PolicyEventReason.PodMoveFailed,
              "NumaMigration "
                  + action.getNumaMigration()
                  + " ended "
                  + action.getPhase()
                  + " for pod "
                  + action.getPod()
                  + (action.getMoved() == null ? "" : ", " + action.getMoved() + " moved")
                  + " to NUMA nodes "
                  + action.getToNodes()));
    }
    return planned;
  }

  /** Actions that reached a final phase since {@code before}. */
  public static List<PlacementAction> justFinished(
      NumaPlacementPolicyStatus before, NumaPlacementPolicyStatus after) {
    Map<String, PlacementAction> previous =
        before == null || before.getLastActions() == null
            ? Map.of()
            : before.getLastActions().stream()
                .collect(
                    Collectors.toMap(
                        PlacementAction::getNumaMigration, Function.identity(), (a, b) -> a));
    return after.getLastActions().stream()
        .filter(a -> a.getPhase() != null && a.getPhase().isTerminal())
        .filter(
            a -> {
              PlacementAction was = previous.get(a.getNumaMigration());
              return was == null || was.getPhase() == null || !was.getPhase().isTerminal();
            })
        .toList();
  }

  public void publish(NumaPlacementPolicy policy, List<Planned> planned) {
    planned.forEach(p -> events.publishOn(policy, p.type(), p.reason().name(), p.message()));
  }
}
