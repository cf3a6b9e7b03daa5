package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.Condition;
import io.migratepages.api.format.ApiErrors;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.api.v1alpha1.ConditionType;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The status shown while reconciling fails: the previous status, unchanged but for a Ready
 * condition False with reason ReconcileError. observedGeneration is kept, so a run that could not
 * be dispatched is still started on the next attempt.
 */
public final class ErrorStatus {
  private static final int MAX_MESSAGE = 1024;
  private static final String RETRYING = "reconciling failed, retrying with back-off: ";

  private ErrorStatus() {}

  static NumaMigrationStatus of(NumaMigration migration, Exception error, Instant now) {
    NumaMigrationStatus previous =
        migration.getStatus() == null ? new NumaMigrationStatus() : migration.getStatus();
    List<Condition> kept = previous.getConditions() == null ? List.of() : previous.getConditions();
    Condition ready =
        Conditions.after(kept, NodeMigrationDispatcher.generationOf(migration), now)
            .set(ConditionType.Ready, false, ConditionReason.ReconcileError, message(error))
            .toList()
            .get(0);
    List<Condition> conditions = new ArrayList<>();
    kept.stream()
        .filter(c -> !ConditionType.Ready.name().equals(c.getType()))
        .forEach(conditions::add);
    conditions.add(ready);
    return previous.toBuilder().conditions(conditions).build();
  }

  public static String message(Exception error) {
    return RETRYING + ApiErrors.describe(error, MAX_MESSAGE - RETRYING.length());
  }
}
