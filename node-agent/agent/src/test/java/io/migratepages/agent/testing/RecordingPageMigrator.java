package io.migratepages.agent.testing;

import io.migratepages.agent.port.MoveCalls;
import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessCheck;
import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.engine.MoveMode;
import io.migratepages.numanodes.NumaNodeSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
  private final Map<Integer, Hold> holds = new ConcurrentHashMap<>();
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

  /**
   * The next migration of {@code pid} stays inside the migrator, as a long migrate_pages(2) call
   * would, until the test {@linkplain Hold#release() releases} it or {@linkplain Hold#kill() kills}
   * the agent making it. Later calls for the PID are not held.
   */
  public Hold hold(int pid) {
    Hold hold = new Hold(pid);
    holds.put(pid, hold);
    return hold;
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
    Hold hold = holds.remove(pid);
    if (hold != null) {
      hold.enter();
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

  /** One held migration of a PID (see {@link #hold(int)}). */
  public static final class Hold {
    private final int pid;
    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch decided = new CountDownLatch(1);
    private volatile boolean killed;

    private Hold(int pid) {
      this.pid = pid;
    }

    public int pid() {
      return pid;
    }

    /** Waits until the agent is inside the migration of the PID. */
    public void awaitHeld(Duration limit) {
      try {
        if (!entered.await(limit.toMillis(), TimeUnit.MILLISECONDS)) {
          throw new AssertionError("no agent started to migrate pid " + pid + " within " + limit);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for the migration of pid " + pid, e);
      }
    }

    /** The held migration goes on and is recorded as any other. */
    public void release() {
      decided.countDown();
    }

    /**
     * The agent process dies inside the migration: the held call never returns a result (nothing is
     * recorded in {@link RecordingPageMigrator#calls()}); the agent's thread ends with {@link
     * AgentKilled}. Cut the agent's network first, so that nothing it would still send reaches the
     * API server.
     */
    public void kill() {
      killed = true;
      decided.countDown();
    }

    /** Whether a migration of the PID was under way when its agent was killed. */
    public boolean interruptedByKill() {
      return killed && entered.getCount() == 0;
    }

    /** An interrupt (JOSDK stopping a test's agent that still holds) ends the call as a kill. */
    private void enter() {
      entered.countDown();
      try {
        decided.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        killed = true;
      }
      if (killed) {
        throw new AgentKilled(pid);
      }
    }
  }

  /**
   * The death of the agent process, thrown into the thread that migrated: an {@link Error}, so that
   * no {@code catch (RuntimeException)} of the agent or of JOSDK turns it into a result or a retry.
   */
  public static final class AgentKilled extends Error {
    private AgentKilled(int pid) {
      super("the agent was killed while it migrated pid " + pid);
    }
  }
}
