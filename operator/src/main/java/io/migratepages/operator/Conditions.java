package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a status's conditions from the previous ones. Kubernetes convention: lastTransitionTime
 * changes only when a condition's status (True/False/Unknown) changes; reason and message may
 * change without a transition.
 */
public final class Conditions {
  private final List<Condition> previous;
  private final long generation;
  private final Instant now;
  private final List<Condition> result = new ArrayList<>();

  private Conditions(List<Condition> previous, long generation, Instant now) {
    this.previous = previous == null ? List.of() : previous;
    this.generation = generation;
    this.now = now;
  }

  /** Starts from the conditions of the previous status (may be null). */
  public static Conditions after(List<Condition> previous, long generation, Instant now) {
    return new Conditions(previous, generation, now);
  }

  /**
   * @param reason a NumaMigration's {@link ConditionReason} or a policy's {@link
   *     io.migratepages.api.v1alpha1.PolicyConditionReason}
   */
  public Conditions set(ConditionType type, boolean status, Enum<?> reason, String message) {
    String statusText = status ? "True" : "False";
    String transition =
        previous.stream()
            .filter(c -> type.name().equals(c.getType()) && statusText.equals(c.getStatus()))
            .map(Condition::getLastTransitionTime)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(Timestamps.format(now));
    Condition condition = new Condition();
    condition.setType(type.name());
    condition.setStatus(statusText);
    condition.setReason(reason.name());
    condition.setMessage(message);
    condition.setObservedGeneration(generation);
    condition.setLastTransitionTime(transition);
    result.add(condition);
    return this;
  }

  public List<Condition> toList() {
    return List.copyOf(result);
  }

  /** The condition of that type in a list, if any. */
  public static Optional<Condition> find(List<Condition> conditions, ConditionType type) {
    if (conditions == null) {
      return Optional.empty();
    }
    return conditions.stream().filter(c -> type.name().equals(c.getType())).findFirst();
  }

  /** Whether the list has that condition with status False. */
  public static boolean isFalse(List<Condition> conditions, ConditionType type) {
    return find(conditions, type).map(c -> "False".equals(c.getStatus())).orElse(false);
  }
}
