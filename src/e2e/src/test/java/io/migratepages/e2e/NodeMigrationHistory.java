package io.migratepages.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.migratepages.api.v1alpha1.NodeMigration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Every NodeMigration the API server created, rewrote or deleted in a namespace, seen on a watch of
 * its own: a NodeMigration dispatched twice shows as a second UID under its name (re-created) or as
 * a generation above 1 (its spec rewritten). A watch the API server ends (e.g. 410 Gone after its
 * restart) is not resumed, so a test that restarts the API server cannot use it.
 */
final class NodeMigrationHistory implements AutoCloseable {
  private final Map<String, Set<String>> uidsByName = new ConcurrentHashMap<>();
  private final Map<String, Long> highestGeneration = new ConcurrentHashMap<>();
  private final List<String> deleted = new CopyOnWriteArrayList<>();
  private volatile WatcherException ended;
  private final Watch watch;

  NodeMigrationHistory(KubernetesClient client, String ns) {
    watch =
        client
            .resources(NodeMigration.class)
            .inNamespace(ns)
            .watch(
                new Watcher<>() {
                  @Override
                  public void eventReceived(Action action, NodeMigration n) {
                    String name = n.getMetadata().getName();
                    uidsByName
                        .computeIfAbsent(name, k -> ConcurrentHashMap.newKeySet())
                        .add(n.getMetadata().getUid());
                    highestGeneration.merge(name, n.getMetadata().getGeneration(), Math::max);
                    if (action == Action.DELETED) {
                      deleted.add(name);
                    }
                  }

                  @Override
                  public void onClose(WatcherException cause) {
                    ended = cause;
                  }
                });
  }

  /** The UIDs each name had, so far. */
  Map<String, Set<String>> uidsByName() {
    requireWatching();
    return Map.copyOf(uidsByName);
  }

  /** The highest metadata.generation each name had, so far. */
  Map<String, Long> highestGeneration() {
    requireWatching();
    return Map.copyOf(highestGeneration);
  }

  List<String> deleted() {
    requireWatching();
    return List.copyOf(deleted);
  }

  private void requireWatching() {
    if (ended != null) {
      throw new IllegalStateException("the history's watch ended: events may be missing", ended);
    }
  }

  @Override
  public void close() {
    watch.close();
  }
}
