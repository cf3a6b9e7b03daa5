package io.migratepages.engine.bounded;

import io.migratepages.engine.MoveOptions;
import io.migratepages.engine.MoveStats;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.plan.NumaNodeMove;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Moves a process's pages with {@code move_pages(2)} in batches sized to a time budget per call and
 * an optional rate limit. Each page goes where the kernel's migrate_pages would send it: the plan's
 * pass for its node (the n-th FROM node to the n-th TO node), once. Between batches it checks that
 * the process is still the one pinned, and learns where the next pages are, so a process that exits
 * or unmaps memory ends the move with a partial result, never an error.
 *
 * <p>Accounting: a page counts as moved when the call's status names its destination, or, when it
 * does not (a transparent huge page moves whole through its first address, and the kernel answers
 * EBUSY for the others in the same call), when a query afterwards finds it there. Anything else is
 * counted under its status's errno name, or {@link NotMovedReasons#NOT_MIGRATED}.
 */
public final class BoundedMover {
  /** What the caller checks between batches: false once the pinned process is gone. */
  @FunctionalInterface
  public interface AliveCheck {
    boolean alive() throws SyscallException;
  }

  /**
   * @param processGone the process exited (or its PID no longer names it) during the move
   * @param warnings what the caller should be told: a syscall failure that ended the move early, or
   *     a budget no batch size could keep
   */
  public record Outcome(MoveStats stats, boolean processGone, List<String> warnings) {
    public Outcome {
      warnings = List.copyOf(warnings);
    }
  }

  /** Written into each status entry before a call, to tell "not reached" from any real status. */
  private static final int NOT_REACHED = Integer.MIN_VALUE;

  private final NumaSyscalls syscalls;
  private final MoverClock clock;

  public BoundedMover(NumaSyscalls syscalls, MoverClock clock) {
    this.syscalls = syscalls;
    this.clock = clock;
  }

  /**
   * @param flags {@link io.migratepages.engine.syscall.MovePagesFlags#MOVE} or MOVE_ALL
   * @throws SyscallException when the very first call fails (nothing moved: the caller explains
   *     it); later failures end the move with a partial outcome
   */
  public Outcome move(
      int pid,
      MigrationPlan plan,
      List<MappedRange> ranges,
      MoveOptions options,
      int flags,
      AliveCheck alive)
      throws SyscallException {
    Map<Integer, Integer> destinations = new HashMap<>();
    for (NumaNodeMove m : plan.moves()) {
      destinations.put(m.source(), m.destination());
    }
    SourcePages pages = new SourcePages(syscalls, pid, ranges, destinations);
    RateLimit rate = new RateLimit(options.rateLimitBytesPerSecond());
    Run run = new Run(pid, flags, options.maxPausePerCall().toNanos());
    long start = clock.nanoTime();
    boolean gone = false;
    List<String> warnings = new java.util.ArrayList<>();
    try {
      while (true) {
        long pageSize = pages.upcomingPageSize();
        if (pageSize == 0) {
          break;
        }
        int limit = Math.min(run.sizer.nextBatchPages(), rate.maxBatchPages(pageSize));
        if (pages.next(limit, run.batch) == 0) {
          break;
        }
        long wait = rate.waitNanos(run.bytesMoved, clock.nanoTime() - start);
        if (wait > 0) {
          clock.sleepNanos(wait);
        }
        if (!alive.alive()) {
          gone = true;
          break;
        }
        run.moveBatch();
      }
    } catch (SyscallException e) {
      if (run.calls.count() == 0 && pages.queries() <= 1) {
        throw e;
      }
      gone = e.errno() == Errno.ESRCH;
      if (!gone) {
        warnings.add(
            e.getMessage()
                + " after "
                + run.calls.count()
                + " calls: the move stopped there and the result is partial");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      warnings.add("interrupted: the move stopped and the result is partial");
    }
    if (run.sizer.budgetUnreachable()) {
      String fixed = String.format(java.util.Locale.ROOT, "%.1f", run.sizer.fixedNanos() / 1e6);
      warnings.add(
          "each move_pages call costs about "
              + fixed
              + " ms however few pages it moves (the kernel drains every CPU's page caches"
              + " first), more than the "
              + options.maxPausePerCall().toNanos() / 1e6
              + " ms budget allows: calls were sized so that this fixed cost is half of each");
    }
    long elapsed = clock.nanoTime() - start;
    MoveStats stats =
        new MoveStats(
            run.calls.count(),
            run.calls.longest(),
            run.calls.p99(),
            run.bytesMoved,
            elapsed,
            run.notMoved);
    return new Outcome(stats, gone, warnings);
  }

  /** The state of one move: sizes, call times, what moved and what did not. */
  private final class Run {
    final int pid;
    final int flags;
    final BatchSizer sizer;
    final CallTimes calls = new CallTimes();
    final SourcePages.Batch batch = new SourcePages.Batch(BatchSizer.MAX_BATCH_PAGES);
    final TreeMap<String, Long> notMoved = new TreeMap<>();
    long bytesMoved;

    Run(int pid, int flags, long budgetNanos) {
      this.pid = pid;
      this.flags = flags;
      this.sizer = new BatchSizer(budgetNanos, BatchSizer.MAX_BATCH_PAGES);
    }

    void moveBatch() throws SyscallException {
      int n = batch.length();
      // Grouped by destination: the kernel migrates a run of pages for one node at a time.
      Integer[] order = new Integer[n];
      for (int i = 0; i < n; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Integer.compare(batch.nodes[a], batch.nodes[b]));
      long[] addresses = new long[n];
      int[] nodes = new int[n];
      long[] sizes = new long[n];
      for (int i = 0; i < n; i++) {
        addresses[i] = batch.addresses[order[i]];
        nodes[i] = batch.nodes[order[i]];
        sizes[i] = batch.pageSizes[order[i]];
      }
      int[] status = new int[n];
      Arrays.fill(status, NOT_REACHED);
      long before = clock.nanoTime();
      syscalls.movePages(pid, addresses, nodes, status, flags);
      long took = clock.nanoTime() - before;
      calls.record(took);
      sizer.record(n, took);
      account(addresses, nodes, sizes, status);
    }

    private void account(long[] addresses, int[] nodes, long[] sizes, int[] status)
        throws SyscallException {
      int[] unsure = new int[addresses.length];
      int unsureCount = 0;
      for (int i = 0; i < addresses.length; i++) {
        if (status[i] == nodes[i]) {
          bytesMoved += sizes[i];
        } else {
          unsure[unsureCount++] = i;
        }
      }
      if (unsureCount == 0) {
        return;
      }
      long[] again = new long[unsureCount];
      for (int k = 0; k < unsureCount; k++) {
        again[k] = addresses[unsure[k]];
      }
      int[] now = new int[unsureCount];
      syscalls.movePages(pid, again, null, now, 0);
      for (int k = 0; k < unsureCount; k++) {
        int i = unsure[k];
        if (now[k] == nodes[i]) {
          bytesMoved += sizes[i];
        } else {
          notMoved.merge(reason(status[i], now[k]), 1L, Long::sum);
        }
      }
    }
  }

  /** The moving call's errno if it gave one, else the query's, else NOT_MIGRATED. */
  private static String reason(int moveStatus, int queryStatus) {
    if (moveStatus < 0 && moveStatus != NOT_REACHED) {
      return errnoName(-moveStatus);
    }
    if (queryStatus < 0) {
      return errnoName(-queryStatus);
    }
    return NotMovedReasons.NOT_MIGRATED;
  }

  private static String errnoName(int number) {
    Errno errno = Errno.of(number);
    return errno == Errno.OTHER ? "errno " + number : errno.name();
  }
}
