package io.migratepages.agent.testing;

import io.migratepages.agent.port.MoveCalls;
import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.engine.MoveMode;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * A {@link PageMigrator} that makes no syscall: it records each call, asks the caller's PID check
 * first as the engine does, and answers with a scripted outcome or with plausible numa_maps
 * figures: the process's resident bytes sit on the first from-node before and on the first to-node
 * after, moved in one call, or in {@link #BOUNDED_CALLS} equal calls when the options ask for the
 * bounded mode.
 */
public final class RecordingPageMigrator implements PageMigrator {
  /** Resident bytes of a process nobody declared, unless {@link #defaultBytes(long)} says else. */
  public static final long DEFAULT_BYTES = 8L << 20;

  /** What the migrator reports as the time a migration took. */
  private static final long DURATION_NANOS = 250_000;

  /** The move_pages calls a bounded move is reported to have made. */
  public static final long BOUNDED_CALLS = 5;

  /**
   * One call the agent made.
   *
   * @param node the simulated Kubernetes node this migrator serves
   * @param moved false when the PID check refused the PID (the process had left its container)
   * @param bytes the bytes reported as moved
   */
  public record Call(String node, int pid, NumaNodeSelection nodes, boolean moved, long bytes) {
    public NumaNodeSet from() {
      return nodes.from();
    }

    public NumaNodeSet to() {
      return nodes.to();
    }
  }

  private final String node;
  private final List<Call> calls = new ArrayList<>();
  private final Map<Integer, Long> residentBytes = new ConcurrentHashMap<>();
  private final Map<Integer, BiFunction<Integer, NumaNodeSelection, ProcessOutcome>> scripts =
      new ConcurrentHashMap<>();
  private volatile long defaultBytes = DEFAULT_BYTES;

  public RecordingPageMigrator() {
    this("node-1");
  }

  /** A migrator for the simulated Kubernetes node {@code node}, named in its calls. */
  public RecordingPageMigrator(String node) {
    this.node = node;
  }

  /** Resident bytes of every process without its own {@link #resident(int, long)}. */
  public RecordingPageMigrator defaultBytes(long bytes) {
    this.defaultBytes = bytes;
    return this;
  }

  /** Declares how much memory {@code pid} has. */
  public RecordingPageMigrator resident(int pid, long bytes) {
    residentBytes.put(pid, bytes);
    return this;
  }

  /** What migrating {@code pid} answers (after the check accepted it). */
  public RecordingPageMigrator script(
      int pid, BiFunction<Integer, NumaNodeSelection, ProcessOutcome> outcome) {
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
                DURATION_NANOS,
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

  public synchronized int callCount() {
    return calls.size();
  }

  @Override
  public ProcessOutcome migrate(int pid, NumaNodeSelection nodes, ProcessCheck check) {
    Optional<String> rejected = check.rejectionReason(pid);
    if (rejected.isPresent()) {
      record(new Call(node, pid, nodes, false, 0));
      return new ProcessOutcome.Exited(pid, rejected.get());
    }
    BiFunction<Integer, NumaNodeSelection, ProcessOutcome> script = scripts.get(pid);
    ProcessOutcome outcome = script != null ? script.apply(pid, nodes) : residentMove(pid, nodes);
    long bytes = outcome instanceof ProcessOutcome.Moved moved ? moved.bytesMoved() : 0;
    record(new Call(node, pid, nodes, outcome instanceof ProcessOutcome.Moved, bytes));
    return outcome;
  }

  private ProcessOutcome.Moved residentMove(int pid, NumaNodeSelection nodes) {
    long bytes = residentBytes.getOrDefault(pid, defaultBytes);
    SortedMap<Integer, Long> before = new TreeMap<>(Map.of(nodes.from().first(), bytes));
    SortedMap<Integer, Long> after =
        nodes.from().first() == nodes.to().first()
            ? before
            : new TreeMap<>(Map.of(nodes.to().first(), bytes));
    MoveCalls calls =
        nodes.options().mode() == MoveMode.BOUNDED
            ? new MoveCalls(
                MoveMode.BOUNDED, BOUNDED_CALLS, DURATION_NANOS / BOUNDED_CALLS, new TreeMap<>())
            : MoveCalls.whole(DURATION_NANOS, 0);
    return new ProcessOutcome.Moved(pid, before, after, true, 0, DURATION_NANOS, List.of(), calls);
  }

  private synchronized void record(Call call) {
    calls.add(call);
  }
}
