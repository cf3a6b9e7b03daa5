package io.migratepages.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts JOSDK's finished reconciliations per resource, so a test can tell "the operator looked at
 * it and did nothing" from "the operator has not got to it yet".
 */
final class ReconciliationCounter implements Metrics {
  private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    finished.computeIfAbsent(key(resource), k -> new AtomicInteger()).incrementAndGet();
  }

  int finished(String namespace, String name) {
    AtomicInteger count = finished.get(namespace + "/" + name);
    return count == null ? 0 : count.get();
  }

  private static String key(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
