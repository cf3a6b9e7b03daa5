package io.migratepages.operator.policy;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaPlacementPolicyStatus;
import io.migratepages.api.v1alpha1.PlacementAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The NumaMigrations a policy created, newest first: its last {@link
 * NumaPlacementPolicyStatus#MAX_ACTIONS} are kept, older finished ones are deleted (running ones
 * stay until they finish).
 */
public final class PolicyHistory {
  private final List<NumaMigration> newestFirst;

  private PolicyHistory(List<NumaMigration> newestFirst) {
    this.newestFirst = newestFirst;
  }

  public static PolicyHistory of(Collection<NumaMigration> owned) {
    return new PolicyHistory(
        owned.stream()
            .filter(m -> m.getMetadata().getDeletionTimestamp() == null)
            .sorted(
                Comparator.comparing(PolicyHistory::timeOf)
                    .reversed()
                    .thenComparing(m -> m.getMetadata().getName()))
            .toList());
  }

  /** This history with NumaMigrations created just now. */
  public PolicyHistory with(List<NumaMigration> created) {
    List<NumaMigration> all = new ArrayList<>(created);
    all.addAll(newestFirst);
    return of(all);
  }

  /** The newest {@link NumaPlacementPolicyStatus#MAX_ACTIONS}, and older ones still running. */
  public List<NumaMigration> kept() {
    List<NumaMigration> kept = new ArrayList<>();
    for (int i = 0; i < newestFirst.size(); i++) {
      if (i < NumaPlacementPolicyStatus.MAX_ACTIONS || !finished(newestFirst.get(i))) {
        kept.add(newestFirst.get(i));
      }
    }
    return kept;
  }

  /**
   * Finished NumaMigrations older than the newest {@link NumaPlacementPolicyStatus#MAX_ACTIONS}.
   */
  public List<NumaMigration> expired() {
    return newestFirst.stream()
        .skip(NumaPlacementPolicyStatus.MAX_ACTIONS)
        .filter(PolicyHistory::finished)
        .toList();
  }

  public List<PastMove> moves() {
    return newestFirst.stream()
        .map(
            m ->
                new PastMove(podOf(m), nodeOf(m), m.getSpec().getToNodes(), timeOf(m), finished(m)))
        .toList();
  }

  /** The status entries of the kept NumaMigrations, newest first. */
  public List<PlacementAction> actions() {
    return kept().stream()
        .limit(NumaPlacementPolicyStatus.MAX_ACTIONS)
        .map(PolicyHistory::actionOf)
        .toList();
  }

  public Optional<Instant> lastActionTime() {
    return newestFirst.stream().findFirst().map(PolicyHistory::timeOf);
  }

  /** Whether its current generation reached a final phase. */
  public static boolean finished(NumaMigration migration) {
    var status = migration.getStatus();
    return status != null
        && status.getPhase() != null
        && status.getPhase().isTerminal()
        && Objects.equals(status.getObservedGeneration(), migration.getMetadata().getGeneration());
  }

  static PlacementAction actionOf(NumaMigration migration) {
    var status = migration.getStatus();
    MigrationPhase phase =
        status == null || status.getPhase() == null ? MigrationPhase.Pending : status.getPhase();
    return PlacementAction.builder()
        .numaMigration(migration.getMetadata().getName())
        .pod(podOf(migration))
        .node(nodeOf(migration))
        .containers(
            migration.getSpec().getContainers() == null
                ? List.of()
                : List.copyOf(migration.getSpec().getContainers()))
        .fromNodes(migration.getSpec().getFromNodes())
        .toNodes(migration.getSpec().getToNodes())
        .offTargetBytes(offTargetBytesOf(migration))
        .time(Timestamps.format(timeOf(migration)))
        .phase(phase)
        .moved(
            status == null || status.getSummary() == null
                ? null
                : ByteSizes.human(bytesMovedOf(migration)))
        .build();
  }

  /** Bytes the NumaMigration moved so far (0 before any report). */
  public static long bytesMovedOf(NumaMigration migration) {
    var status = migration.getStatus();
    return status == null || status.getSummary() == null ? 0 : status.getSummary().getBytesMoved();
  }

  static Instant timeOf(NumaMigration migration) {
    return Timestamps.parse(migration.getMetadata().getCreationTimestamp()).orElse(Instant.EPOCH);
  }

  static String podOf(NumaMigration migration) {
    return migration.getSpec().getPodName();
  }

  static String nodeOf(NumaMigration migration) {
    return annotation(migration, ApiGroup.POLICY_NODE_ANNOTATION);
  }

  private static Long offTargetBytesOf(NumaMigration migration) {
    String value = annotation(migration, ApiGroup.POLICY_OFF_TARGET_ANNOTATION);
    try {
      return value == null ? null : Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static String annotation(NumaMigration migration, String key) {
    Map<String, String> annotations = migration.getMetadata().getAnnotations();
    return annotations == null ? null : annotations.get(key);
  }
}
