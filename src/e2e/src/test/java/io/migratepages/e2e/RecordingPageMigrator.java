package io.migratepages.e2e;

import io.migratepages.agent.port.NodeSelection;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.nodeset.NodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One simulated node's page migrator: makes no syscall, records every call (pid, from, to), asks
 * the caller's PID check first as the engine does, and answers with plausible numa_maps figures:
 * the process's resident bytes sit on the first from-node before and on the first to-node after.
 */
public final class RecordingPageMigrator implements PageMigrator {
  /** Resident bytes of a process nobody declared. */
  public static final long DEFAULT_BYTES = 8L << 20;

  /**
   * One call the agent made.
   *
   * @param moved false when the PID check refused the PID (the process had left its container)
   * @param bytes the bytes reported as moved
   */
  public record Call(String node, int pid, NodeSet from, NodeSet to, boolean moved, long bytes) {}

  private final String node;
  private final Map<Integer, Long> residentBytes = new ConcurrentHashMap<>();
  private final List<Call> calls = new ArrayList<>();

  public RecordingPageMigrator(String node) {
    this.node = node;
  }

  /** Declares how much memory {@code pid} has. */
  public void resident(int pid, long bytes) {
    residentBytes.put(pid, bytes);
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized int callCount() {
    return calls.size();
  }

  @Override
  public ProcessOutcome migrate(int pid, NodeSelection nodes, ProcessCheck check) {
    Optional<String> rejected = check.rejectionReason(pid);
    if (rejected.isPresent()) {
      record(new Call(node, pid, nodes.from(), nodes.to(), false, 0));
      return new ProcessOutcome.Exited(pid, rejected.get());
    }
    long bytes = residentBytes.getOrDefault(pid, DEFAULT_BYTES);
    TreeMap<Integer, Long> before = new TreeMap<>(Map.of(nodes.from().first(), bytes));
    TreeMap<Integer, Long> after = new TreeMap<>(Map.of(nodes.to().first(), bytes));
    if (nodes.from().first() == nodes.to().first()) {
      after = before;
    }
    ProcessOutcome.Moved outcome =
        new ProcessOutcome.Moved(pid, before, after, 0, 250_000, List.of());
    record(new Call(node, pid, nodes.from(), nodes.to(), true, outcome.bytesMoved()));
    return outcome;
  }

  private synchronized void record(Call call) {
    calls.add(call);
  }
}
