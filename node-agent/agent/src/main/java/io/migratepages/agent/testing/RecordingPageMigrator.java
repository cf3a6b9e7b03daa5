package io.migratepages.agent.testing;

import io.migratepages.agent.port.NodeSelection;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A {@link PageMigrator} that makes no syscall: it records each call, asks the caller's check like
 * the engine does, and answers with a scripted outcome. By default a PID's {@link
 * #defaultBytes(long)} sit on the first from-node and all of them move to the first to-node.
 */
public final class RecordingPageMigrator implements PageMigrator {
  /** One recorded call. */
  public record Call(int pid, NodeSelection nodes) {}

  private final List<Call> calls = new ArrayList<>();
  private final Map<Integer, BiFunction<Integer, NodeSelection, ProcessOutcome>> scripts =
      new ConcurrentHashMap<>();
  private volatile long defaultBytes = 64L << 20;

  public RecordingPageMigrator defaultBytes(long bytes) {
    this.defaultBytes = bytes;
    return this;
  }

  /** What migrating {@code pid} answers (after the check accepted it). */
  public RecordingPageMigrator script(
      int pid, BiFunction<Integer, NodeSelection, ProcessOutcome> outcome) {
    scripts.put(pid, outcome);
    return this;
  }

  /** {@code pid} had {@code before} and ends with {@code after} (bytes per node). */
  public RecordingPageMigrator moves(
      int pid, Map<Integer, Long> before, Map<Integer, Long> after, long pagesNotMoved) {
    return script(
        pid,
        (p, nodes) ->
            new ProcessOutcome.Moved(
                p,
                new TreeMap<>(before),
                new TreeMap<>(after),
                pagesNotMoved,
                1_000_000,
                List.of()));
  }

  public RecordingPageMigrator fails(int pid, String message) {
    return script(pid, (p, nodes) -> new ProcessOutcome.Failed(p, message));
  }

  public synchronized List<Call> calls() {
    return List.copyOf(calls);
  }

  public synchronized List<Integer> pids() {
    return calls.stream().map(Call::pid).toList();
  }

  @Override
  public ProcessOutcome migrate(int pid, NodeSelection nodes, ProcessCheck check) {
    synchronized (this) {
      calls.add(new Call(pid, nodes));
    }
    Optional<String> rejected = check.rejectionReason(pid);
    if (rejected.isPresent()) {
      return new ProcessOutcome.Exited(pid, rejected.get());
    }
    BiFunction<Integer, NodeSelection, ProcessOutcome> script = scripts.get(pid);
    if (script != null) {
      return script.apply(pid, nodes);
    }
    SortedMap<Integer, Long> before = new TreeMap<>(Map.of(nodes.from().first(), defaultBytes));
    SortedMap<Integer, Long> after = new TreeMap<>(Map.of(nodes.to().first(), defaultBytes));
    return new ProcessOutcome.Moved(pid, before, after, 0, 1_000_000, List.of());
  }
}
