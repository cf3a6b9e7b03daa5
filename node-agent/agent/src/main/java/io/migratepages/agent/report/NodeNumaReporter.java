package io.migratepages.agent.report;

import io.fabric8.kubernetes.api.model.Pod;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.host.SysfsTopologyReader;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Every interval, reads the host's NUMA topology and the NUMA placement of the node's running pods,
 * and writes the node's NodeNumaReport when the reading differs significantly from the last one
 * written ({@link ReportChange}). One reading at a time, on one daemon thread; a failed reading or
 * write is logged and retried at the next interval.
 */
public final class NodeNumaReporter implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(NodeNumaReporter.class);

  private final String agent;
  private final SysfsTopologyReader topology;
  private final Supplier<List<Pod>> pods;
  private final PodNumaReader reader;
  private final NodeNumaReportWriter writer;
  private final ReportChange change;
  private final Clock clock;
  private final NodeNumaReportBuilder builder = new NodeNumaReportBuilder();
  private ScheduledExecutorService executor;
  private NodeNumaReportStatus lastWritten;

  public NodeNumaReporter(
      String agent,
      SysfsTopologyReader topology,
      Supplier<List<Pod>> pods,
      PodNumaReader reader,
      NodeNumaReportWriter writer,
      ReportChange change,
      Clock clock) {
    this.agent = agent;
    this.topology = topology;
    this.pods = pods;
    this.reader = reader;
    this.writer = writer;
    this.change = change;
    this.clock = clock;
  }

  /**
   * Reads once and writes if the change is significant.
   *
   * @return whether it wrote
   * @throws IOException when the host's NUMA topology cannot be read
   */
  public synchronized boolean reportOnce() throws IOException {
    NumaTopology host = topology.read();
    List<PodNumaUsage> usage = new ArrayList<>();
    for (Pod pod : pods.get()) {
      reader.read(pod, host).ifPresent(usage::add);
    }
    NodeNumaReportStatus fresh = builder.build(agent, host, usage, clock.instant());
    if (!change.significant(lastWritten, fresh)) {
      return false;
    }
    writer.write(fresh);
    lastWritten = fresh;
    return true;
  }

  /** Reports now and then every {@code interval} (after the previous reading ends). */
  public synchronized void start(Duration interval) {
    if (executor != null) {
      return;
    }
    executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "numa-report");
              t.setDaemon(true);
              return t;
            });
    executor.scheduleWithFixedDelay(
        this::reportLogged, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void reportLogged() {
    try {
      if (reportOnce()) {
        LOG.debugf("NodeNumaReport written (%d pods)", lastWritten.getPods().size());
      }
    } catch (Exception e) {
      LOG.warnf("NodeNumaReport not written, retrying at the next interval: %s", e.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (executor != null) {
      executor.shutdownNow();
      executor = null;
    }
  }
}
