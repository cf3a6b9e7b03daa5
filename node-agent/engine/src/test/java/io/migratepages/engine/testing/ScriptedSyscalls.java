package io.migratepages.engine.testing;

import io.migratepages.engine.bounded.MoverClock;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.KernelNodeMask;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A syscall layer whose answers the test scripts. It records what the engine asked for; it does NOT
 * model the kernel (the NUMA VM tests do that), so tests built on it prove the engine's logic and
 * argument handling only.
 *
 * <p>For move_pages it keeps a scripted page table (address → node, see {@link #pages}), moves what
 * it is asked to unless told otherwise ({@link #refuse}), lets a transparent huge page move whole
 * through any of its addresses ({@link #hugePage}), and charges each moved page to a scripted clock
 * ({@link #clock()}, {@link #nanosPerMovedPage}).
 */
public final class ScriptedSyscalls implements NumaSyscalls {
  /** One recorded migrate_pages call. */
  public record MigrateCall(int pid, KernelNodeMask masks) {}

  /** One recorded move_pages call; {@code nodes} null for a query. */
  public record MovePagesCall(int pid, long[] addresses, int[] nodes, int flags, long nanos) {
    public boolean query() {
      return nodes == null;
    }
  }

  private final List<MovePagesCall> movePagesCalls = new ArrayList<>();
  private final TreeMap<Long, Integer> pageTable = new TreeMap<>();
  private final Map<Long, Errno> refusals = new HashMap<>();
  private final Map<Long, Long> hugePageOf = new HashMap<>();
  private final Map<Integer, Runnable> afterMoveCall = new HashMap<>();
  private long nanosPerMovedPage = 1_000;
  private long nanosPerCall = 0;
  private long now = 1_000_000_000L;
  private long slept;
  private Errno movePagesError;
  private int moveCallsBeforeError;

  private final List<MigrateCall> migrateCalls = new ArrayList<>();
  private final List<Integer> closed = new ArrayList<>();
  private Errno migrateError;
  private Errno pidfdOpenError;
  private Errno aliveError;
  private long pagesNotMoved;
  private Runnable duringMigration = () -> {};

  public ScriptedSyscalls failMigrate(Errno errno) {
    this.migrateError = errno;
    return this;
  }

  public ScriptedSyscalls failPidfdOpen(Errno errno) {
    this.pidfdOpenError = errno;
    return this;
  }

  /** What pidfd_send_signal(fd, 0) answers after the migration (ESRCH: the process is gone). */
  public ScriptedSyscalls failAliveCheck(Errno errno) {
    this.aliveError = errno;
    return this;
  }

  public ScriptedSyscalls pagesNotMoved(long pages) {
    this.pagesNotMoved = pages;
    return this;
  }

  /**
   * Runs inside migrate_pages (before a scripted failure), e.g. to rewrite the fixture's numa_maps
   * as the test expects.
   */
  public ScriptedSyscalls duringMigration(Runnable action) {
    this.duringMigration = action;
    return this;
  }

  /** {@code count} pages of {@code pageSize} from {@code start}, all on {@code node}. */
  public ScriptedSyscalls pages(long start, int count, long pageSize, int node) {
    for (int i = 0; i < count; i++) {
      pageTable.put(start + i * pageSize, node);
    }
    return this;
  }

  /**
   * Makes the {@code basePages} base pages from {@code start} one transparent huge page: moving any
   * of its addresses moves them all, and the others in the same call answer EBUSY (the kernel has
   * isolated the huge page already).
   */
  public ScriptedSyscalls hugePage(long start, int basePages, long basePageSize) {
    for (int i = 0; i < basePages; i++) {
      hugePageOf.put(start + i * basePageSize, start);
    }
    return this;
  }

  /** Moving the page at {@code address} fails with {@code errno} (it stays where it is). */
  public ScriptedSyscalls refuse(long address, Errno errno) {
    refusals.put(address, errno);
    return this;
  }

  /** Removes pages from the table, as munmap would: they answer EFAULT from then on. */
  public ScriptedSyscalls unmap(long start, long end) {
    pageTable.subMap(start, end).clear();
    return this;
  }

  /** What each moved page costs on the {@link #clock()}; 1 µs unless set. */
  public ScriptedSyscalls nanosPerMovedPage(long nanos) {
    this.nanosPerMovedPage = nanos;
    return this;
  }

  /** What each move_pages call costs on the {@link #clock()} besides its pages; 0 unless set. */
  public ScriptedSyscalls nanosPerCall(long nanos) {
    this.nanosPerCall = nanos;
    return this;
  }

  /** Runs {@code action} right after the {@code n}-th moving call (1-based) returns. */
  public ScriptedSyscalls afterMoveCall(int n, Runnable action) {
    afterMoveCall.put(n, action);
    return this;
  }

  /** Every move_pages call (query or move) after {@code movingCalls} moving calls fails. */
  public ScriptedSyscalls failMovePagesAfter(int movingCalls, Errno errno) {
    this.moveCallsBeforeError = movingCalls;
    this.movePagesError = errno;
    return this;
  }

  /** Where the page at {@code address} is now; empty when it is not mapped. */
  public java.util.Optional<Integer> nodeOf(long address) {
    return java.util.Optional.ofNullable(pageTable.get(address));
  }

  /** The scripted time: move_pages advances it, sleeping advances it. */
  public MoverClock clock() {
    return new MoverClock() {
      @Override
      public long nanoTime() {
        return now;
      }

      @Override
      public void sleepNanos(long nanos) {
        now += nanos;
        slept += nanos;
      }
    };
  }

  /** The time spent sleeping on the {@link #clock()} (the rate limit's waits). */
  public long sleptNanos() {
    return slept;
  }

  public List<MovePagesCall> movePagesCalls() {
    return List.copyOf(movePagesCalls);
  }

  /** The moving calls only (queries left out). */
  public List<MovePagesCall> movingCalls() {
    return movePagesCalls.stream().filter(c -> !c.query()).toList();
  }

  public List<MigrateCall> migrateCalls() {
    return List.copyOf(migrateCalls);
  }

  public List<Integer> closedFds() {
    return List.copyOf(closed);
  }

  @Override
  public long migratePages(int pid, KernelNodeMask masks) throws SyscallException {
    migrateCalls.add(new MigrateCall(pid, masks));
    duringMigration.run();
    if (migrateError != null) {
      throw new SyscallException("migrate_pages", migrateError.number());
    }
    return pagesNotMoved;
  }

  @Override
  public long movePages(int pid, long[] addresses, int[] nodes, int[] status, int flags)
      throws SyscallException {
    if (movePagesError != null && movingCalls().size() >= moveCallsBeforeError) {
      throw new SyscallException("move_pages", movePagesError.number());
    }
    long started = now;
    long failed = 0;
    java.util.Set<Long> isolated = new java.util.HashSet<>();
    for (int i = 0; i < addresses.length; i++) {
      Integer node = pageTable.get(addresses[i]);
      if (node == null) {
        status[i] = -Errno.EFAULT.number();
      } else if (nodes == null || node == nodes[i]) {
        status[i] = node;
      } else if (refusals.containsKey(addresses[i])) {
        status[i] = -refusals.get(addresses[i]).number();
      } else if (hugePageOf.containsKey(addresses[i])) {
        long head = hugePageOf.get(addresses[i]);
        if (!isolated.add(head)) {
          status[i] = -Errno.EBUSY.number();
          continue;
        }
        for (Map.Entry<Long, Long> member : hugePageOf.entrySet()) {
          if (member.getValue() == head && pageTable.containsKey(member.getKey())) {
            pageTable.put(member.getKey(), nodes[i]);
            now += nanosPerMovedPage;
          }
        }
        status[i] = nodes[i];
      } else {
        pageTable.put(addresses[i], nodes[i]);
        now += nanosPerMovedPage;
        status[i] = nodes[i];
      }
    }
    if (nodes != null) {
      now += nanosPerCall;
    }
    movePagesCalls.add(
        new MovePagesCall(
            pid, addresses.clone(), nodes == null ? null : nodes.clone(), flags, now - started));
    if (nodes != null) {
      Runnable action = afterMoveCall.get(movingCalls().size());
      if (action != null) {
        action.run();
      }
    }
    return failed;
  }

  @Override
  public int pidfdOpen(int pid) throws SyscallException {
    if (pidfdOpenError != null) {
      throw new SyscallException("pidfd_open", pidfdOpenError.number());
    }
    return 1000 + pid;
  }

  @Override
  public void pidfdSendSignal(int pidfd, int signal) throws SyscallException {
    if (aliveError != null) {
      throw new SyscallException("pidfd_send_signal", aliveError.number());
    }
  }

  @Override
  public void close(int fd) {
    closed.add(fd);
  }
}
