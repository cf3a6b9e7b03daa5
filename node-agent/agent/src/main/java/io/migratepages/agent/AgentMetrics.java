package io.migratepages.agent;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.agent.port.ProcessOutcome.Failed;
import io.migratepages.agent.port.ProcessOutcome.Moved;
import io.migratepages.agent.port.ProcessOutcome.NothingToMove;
import io.migratepages.agent.startup.AgentCapabilities;

/**
 * {@code migratepages_agent_processes_total{result=moved|failed|exited|nothing_to_move}}, {@code
 * migratepages_agent_bytes_moved_total} and {@code migratepages_agent_capable} (1 when the start-up
 * checks passed), as Prometheus names them.
 */
public final class AgentMetrics {
  private final MeterRegistry registry;
  private final Counter moved;
  private final Counter failed;
  private final Counter exited;
  private final Counter nothingToMove;
  private final Counter bytesMoved;

  public AgentMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.moved = processes(registry, "moved");
    this.failed = processes(registry, "failed");
    this.exited = processes(registry, "exited");
    this.nothingToMove = processes(registry, "nothing_to_move");
    this.bytesMoved =
        Counter.builder("migratepages.agent.bytes.moved")
            .description("Bytes that left their source NUMA nodes, by numa_maps before and after")
            .register(registry);
  }

  /** Publishes whether this agent can migrate pages (fixed at start: the checks run once). */
  public void capability(AgentCapabilities capabilities) {
    Gauge.builder("migratepages.agent.capable", () -> capabilities.capable() ? 1 : 0)
        .description("1 when the start-up checks passed and this agent can migrate pages, else 0")
        .register(registry);
  }

  private static Counter processes(MeterRegistry registry, String result) {
    return Counter.builder("migratepages.agent.processes")
        .description("Processes the agent handled, by result")
        .tag("result", result)
        .register(registry);
  }

  public void record(ProcessOutcome outcome) {
    if (outcome instanceof Moved m) {
      moved.increment();
      bytesMoved.increment(m.bytesMoved());
    } else if (outcome instanceof Failed) {
      failed.increment();
    } else if (outcome instanceof NothingToMove) {
      nothingToMove.increment();
    } else {
      exited.increment();
    }
  }
}
