package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code kubectl get numamigrations NAME -w}: prints a line whenever a printed column changes. A
 * watch delivers the changes; a poll every half second backs it up, so a dropped watch cannot hang
 * the demo.
 */
public final class MigrationWatch implements AutoCloseable {
  public static final Set<String> TERMINAL_PHASES =
      Set.of("Succeeded", "PartiallySucceeded", "Failed");

  private final Resource<GenericKubernetesResource> migration;
  private final Narrator narrator;
  private final List<String> phasesSeen = new ArrayList<>();
  private final Watch watch;
  private MigrationRow lastRow;
  private GenericKubernetesResource latest;

  public MigrationWatch(Resource<GenericKubernetesResource> migration, Narrator narrator) {
    this.migration = migration;
    this.narrator = narrator;
    narrator.line(MigrationRow.header());
    this.watch =
        migration.watch(
            new Watcher<>() {
              @Override
              public void eventReceived(Action action, GenericKubernetesResource resource) {
                if (action != Action.DELETED) {
                  observe(resource);
                }
              }

              @Override
              public void onClose(WatcherException cause) {
                // the poll in awaitTerminal carries on
              }
            });
  }

  synchronized void observe(GenericKubernetesResource resource) {
    latest = resource;
    MigrationRow row = MigrationRow.of(resource);
    if (!row.sameColumns(lastRow)) {
      narrator.line(row.format(Instant.now()));
      lastRow = row;
      if (!row.phase().isEmpty()
          && (phasesSeen.isEmpty() || !phasesSeen.get(phasesSeen.size() - 1).equals(row.phase()))) {
        phasesSeen.add(row.phase());
      }
    }
  }

  /**
   * Waits for Succeeded, PartiallySucceeded or Failed; returns the NumaMigration then.
   *
   * @param stillRunning throws when a process the migration depends on has died
   */
  public GenericKubernetesResource awaitTerminal(Duration limit, Runnable stillRunning) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (true) {
      stillRunning.run();
      GenericKubernetesResource current = migration.get();
      if (current != null) {
        observe(current);
        Object phase = current.get("status", "phase");
        if (phase != null && TERMINAL_PHASES.contains(phase.toString())) {
          return current;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new NotFinished(
            "the NumaMigration did not finish within "
                + limit.toSeconds()
                + " s; last seen: "
                + (lastRow == null ? "nothing" : lastRow.format(Instant.now())));
      }
      Waits.sleep(Duration.ofMillis(500));
    }
  }

  /** The phases in the order they were seen, e.g. [Running, Succeeded]. */
  public synchronized List<String> phasesSeen() {
    return List.copyOf(phasesSeen);
  }

  public synchronized GenericKubernetesResource latest() {
    return latest;
  }

  @Override
  public void close() {
    watch.close();
  }

  /** The NumaMigration did not reach a terminal phase in time. */
  public static final class NotFinished extends DemoException {
    NotFinished(String message) {
      super(message);
    }
  }
}
