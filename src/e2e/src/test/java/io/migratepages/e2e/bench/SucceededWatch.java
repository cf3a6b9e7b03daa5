package io.migratepages.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches the NumaMigrations of a namespace as a user's {@code kubectl get -w} would and notes,
 * with {@link System#nanoTime()}, when each one's status first reports Succeeded for its current
 * generation. Any other terminal phase is recorded too, so that the benchmark fails loudly instead
 * of measuring something that did not succeed.
 */
final class SucceededWatch implements AutoCloseable {
  private final Map<String, CompletableFuture<Long>> done = new ConcurrentHashMap<>();
  private final Map<String, MigrationPhase> otherOutcome = new ConcurrentHashMap<>();
  private final Watch watch;

  SucceededWatch(KubernetesClient client, String namespace) {
    watch =
        client
            .resources(NumaMigration.class)
            .inNamespace(namespace)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, NumaMigration migration) {
                    long now = System.nanoTime();
                    if (action == Action.DELETED || migration.getStatus() == null) {
                      return;
                    }
                    if (!Objects.equals(
                        migration.getStatus().getObservedGeneration(),
                        migration.getMetadata().getGeneration())) {
                      return;
                    }
                    MigrationPhase phase = migration.getStatus().getPhase();
                    String name = migration.getMetadata().getName();
                    if (phase == MigrationPhase.Succeeded) {
                      future(name).complete(now);
                    } else if (phase != null && phase.isTerminal()) {
                      otherOutcome.put(name, phase);
                      future(name)
                          .completeExceptionally(
                              new IllegalStateException(
                                  "NumaMigration "
                                      + name
                                      + " ended "
                                      + phase
                                      + ": "
                                      + migration.getStatus().getConditions()));
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    done.values()
                        .forEach(
                            f ->
                                f.completeExceptionally(
                                    new IllegalStateException("watch closed", cause)));
                  }
                });
  }

  private CompletableFuture<Long> future(String name) {
    return done.computeIfAbsent(name, n -> new CompletableFuture<>());
  }

  /** nanoTime at which {@code name} was seen Succeeded. */
  long awaitSucceeded(String name, long timeoutMillis) throws Exception {
    try {
      return future(name).get(timeoutMillis, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "NumaMigration " + name + " did not succeed within " + timeoutMillis + " ms");
    }
  }

  /** How many were seen Succeeded. */
  long succeeded() {
    return done.values().stream().filter(f -> f.isDone() && !f.isCompletedExceptionally()).count();
  }

  Map<String, MigrationPhase> failures() {
    return Map.copyOf(otherOutcome);
  }

  @Override
  public void close() {
    watch.close();
  }
}
