package io.migratepages.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.monitoring.Metrics;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JOSDK metrics hook that counts finished reconciliations per resource (so a test can tell "the
 * operator looked at it and did nothing" from "it has not got to it yet") and adds up the time
 * spent inside {@code reconcile()}: wall time, and CPU time of the reconciling thread (which
 * excludes time spent waiting for the API server).
 */
public final class ReconcilerStats implements Metrics {
  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final Map<String, AtomicInteger> finished = new ConcurrentHashMap<>();
  private final AtomicLong executions = new AtomicLong();
  private final AtomicLong cpuNanos = new AtomicLong();
  private final AtomicLong wallNanos = new AtomicLong();

  @Override
  public void finishedReconciliation(HasMetadata resource, Map<String, Object> metadata) {
    finished.computeIfAbsent(key(resource), k -> new AtomicInteger()).incrementAndGet();
  }

  @Override
  public <T> T timeControllerExecution(ControllerExecution<T> execution) throws Exception {
    long cpu = THREADS.getCurrentThreadCpuTime();
    long wall = System.nanoTime();
    try {
      return execution.execute();
    } finally {
      executions.incrementAndGet();
      wallNanos.addAndGet(System.nanoTime() - wall);
      cpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
    }
  }

  /** Finished reconciliations of one resource. */
  public int finished(String namespace, String name) {
    AtomicInteger count = finished.get(namespace + "/" + name);
    return count == null ? 0 : count.get();
  }

  /** Calls of {@code reconcile()}. */
  public long executions() {
    return executions.get();
  }

  /** CPU time of the reconciling threads inside {@code reconcile()}. */
  public long cpuNanos() {
    return cpuNanos.get();
  }

  /** Wall time inside {@code reconcile()}, summed over all threads. */
  public long wallNanos() {
    return wallNanos.get();
  }

  private static String key(HasMetadata resource) {
    return resource.getMetadata().getNamespace() + "/" + resource.getMetadata().getName();
  }
}
