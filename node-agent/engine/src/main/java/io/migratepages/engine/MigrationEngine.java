package io.migratepages.engine;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.bounded.AddressSpaceReader;
import io.migratepages.engine.bounded.BatchSchedule;
import io.migratepages.engine.bounded.BoundedMover;
import io.migratepages.engine.bounded.MappedRange;
import io.migratepages.engine.bounded.MoverClock;
import io.migratepages.engine.host.CallerProcess;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.local.TargetNodes;
import io.migratepages.engine.numamaps.NumaMapsReader;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.plan.MigrationPlanner;
import io.migratepages.engine.plan.SourceNodes;
import io.migratepages.engine.preflight.Preflight;
import io.migratepages.engine.preflight.PreflightReport;
import io.migratepages.engine.syscall.KernelNodeMask;
import io.migratepages.engine.syscall.MovePagesFlags;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeSpec;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * Moves one process's pages between NUMA nodes: the entry point the CLI and the node agent call.
 * Framework-free; every call reads the host afresh (free memory changes as pages move).
 */
public final class MigrationEngine {
  private final HostPaths host;
  private final NumaSyscalls syscalls;
  private final NumaMapsReader numaMaps;
  private final MoverClock clock;

  public MigrationEngine(HostPaths host, NumaSyscalls syscalls) {
    this(host, syscalls, MoverClock.SYSTEM);
  }

  /** With the clock the bounded mode measures its calls and waits by (tests script it). */
  public MigrationEngine(HostPaths host, NumaSyscalls syscalls, MoverClock clock) {
    this.host = host;
    this.syscalls = syscalls;
    this.numaMaps = new NumaMapsReader(host.proc());
    this.clock = clock;
  }

  public HostState readHost() {
    return HostState.read(host);
  }

  /**
   * Resolves both node specs for one process, {@code local} included (see {@link TargetNodes}):
   * call it right before {@link #migrate}, since {@code local} follows the process's current CPU
   * affinity.
   *
   * @param fromSubject and {@code toSubject}: message prefixes, e.g. {@code from-nodes} or {@code
   *     spec.toNodes}
   * @throws io.migratepages.numanodes.InvalidNumaNodeSpecException when a spec does not fit
   * @throws MigrationException when {@code local} needs a process that is not there
   */
  public TargetNodes resolveNodes(
      int pid, NumaNodeSpec from, NumaNodeSpec to, String fromSubject, String toSubject) {
    HostState state = readHost();
    try {
      return TargetNodes.resolve(host, state.topology(), pid, from, to, fromSubject, toSubject);
    } catch (NoSuchFileException e) {
      throw new FailureExplainer(state.caller()).explainMissing(pid);
    } catch (IOException e) {
      throw new MigrationException(
          Reason.HOST_UNREADABLE,
          "cannot read the CPU affinity of process " + pid + " (" + reason(e) + ")");
    }
  }

  /** What {@link #migrate} would do in WHOLE mode, without moving anything. */
  public MigrationPreview preview(int requestedPid, NumaNodeSet from, NumaNodeSet to) {
    return preview(requestedPid, from, to, MoveOptions.whole());
  }

  /**
   * What {@link #migrate} would do, without moving anything or calling the kernel; in BOUNDED mode
   * with the batches it would make.
   */
  public MigrationPreview preview(
      int requestedPid, NumaNodeSet from, NumaNodeSet to, MoveOptions options) {
    HostState state = readHost();
    FailureExplainer explainer = new FailureExplainer(state.caller());
    if (!Files.isDirectory(host.proc().resolve(Integer.toString(requestedPid)))) {
      throw explainer.explainMissing(requestedPid);
    }
    List<String> warnings = new ArrayList<>();
    int pid = processOf(requestedPid, warnings);
    rejectWithoutMemory(pid, explainer);
    NumaPlacement before = placement(pid, warnings, state);
    MigrationPlan plan = plan(from, to, state, warnings);
    PreflightReport checks = preflight(state, plan, before);
    List<String> allWarnings = new ArrayList<>(warnings);
    allWarnings.addAll(checks.warnings());
    Optional<BatchSchedule> batches = Optional.empty();
    if (options.mode() == MoveMode.BOUNDED) {
      batches = Optional.of(schedule(pid, plan, before, options, allWarnings));
    }
    return new MigrationPreview(
        pid, plan, before, new PreflightReport(checks.errors(), allWarnings), options, batches);
  }

  private BatchSchedule schedule(
      int pid,
      MigrationPlan plan,
      NumaPlacement before,
      MoveOptions options,
      List<String> warnings) {
    int mappings = 0;
    long pageSize = BASE_PAGE_BYTES;
    try {
      List<MappedRange> ranges =
          new AddressSpaceReader(host.proc()).rangesWithPagesOn(pid, sources(plan));
      mappings = ranges.size();
      pageSize = ranges.stream().mapToLong(MappedRange::pageSize).min().orElse(BASE_PAGE_BYTES);
    } catch (IOException e) {
      warnings.add("cannot read the mappings of process " + pid + " (" + reason(e) + ")");
    }
    return BatchSchedule.of(mappings, plan.bytesToMove(before), pageSize, options);
  }

  /**
   * Migrates the pages of {@code pid} on {@code from} to {@code to}, guarded against PID reuse:
   * pidfd_open, {@code verifier}, read placement, preflight, migrate_pages, read placement again
   * and check the process is still alive (neither reaped nor a zombie). Nodes without memory are
   * left out of {@code from}, as numactl does (see {@link SourceNodes}). A thread id is replaced by
   * its process's id (with a warning); the verifier and the result see the process's id.
   *
   * @throws MigrationException when nothing was moved, with a one-line message saying what to do
   */
  public MigrationResult migrate(
      int requestedPid, NumaNodeSet from, NumaNodeSet to, ProcessVerifier verifier) {
    return migrate(requestedPid, from, to, verifier, MoveOptions.whole());
  }

  /**
   * Like {@link #migrate(int, NumaNodeSet, NumaNodeSet, ProcessVerifier)}, in the given mode. In
   * BOUNDED mode the pages move with move_pages(2) in batches (see {@link BoundedMover}); a process
   * that exits or unmaps memory during the move gives a partial result, not an error.
   */
  public MigrationResult migrate(
      int requestedPid,
      NumaNodeSet from,
      NumaNodeSet to,
      ProcessVerifier verifier,
      MoveOptions options) {
    HostState state = readHost();
    FailureExplainer explainer = new FailureExplainer(state.caller());
    List<String> warnings = new ArrayList<>();
    int pid = processOf(requestedPid, warnings);
    try (PidGuard guard = PidGuard.open(syscalls, pid)) {
      if (!guard.available()) {
        warnings.add("this kernel has no pidfd_open (Linux < 5.3): PID reuse cannot be ruled out");
      }
      Optional<String> rejection = verifier.rejectionReason(pid);
      if (rejection.isPresent()) {
        throw new MigrationException(Reason.PROCESS_REJECTED, rejection.get());
      }
      rejectWithoutMemory(pid, explainer);
      NumaPlacement before = placement(pid, warnings, state);
      MigrationPlan plan = plan(from, to, state, warnings);
      PreflightReport checks = preflight(state, plan, before);
      if (!checks.passed()) {
        throw new MigrationException(Reason.PREFLIGHT_FAILED, String.join("; ", checks.errors()));
      }
      warnings.addAll(checks.warnings());

      Moved moved;
      try {
        moved =
            options.mode() == MoveMode.BOUNDED
                ? moveBounded(pid, plan, options, state.caller(), guard, warnings)
                : moveWhole(pid, plan);
      } catch (SyscallException e) {
        rejectWithoutMemory(pid, explainer);
        throw e;
      }

      List<String> afterWarnings = new ArrayList<>();
      NumaPlacement after = placementAfter(pid, afterWarnings);
      Optional<String> exit = exitSince(pid, guard);
      if (exit.isPresent()) {
        warnings.add(exit.get());
        after = NumaPlacement.EMPTY;
      } else {
        warnings.addAll(afterWarnings);
      }
      MoveStats stats = moved.stats();
      if (options.mode() == MoveMode.WHOLE) {
        long bytesMoved = exit.isPresent() ? 0 : leftSources(plan, before, after);
        stats =
            new MoveStats(
                1,
                moved.elapsedNanos(),
                moved.elapsedNanos(),
                bytesMoved,
                moved.elapsedNanos(),
                new TreeMap<>());
      }
      return new MigrationResult(
          pid,
          plan,
          before,
          after,
          moved.pagesNotMoved(),
          moved.elapsedNanos(),
          exit.isPresent(),
          warnings,
          options.mode(),
          stats);
    } catch (SyscallException e) {
      throw explainer.explain(e, pid);
    }
  }

  private static final long BASE_PAGE_BYTES = 4096;

  /** What the moving calls returned, before the placement is read again. */
  private record Moved(long pagesNotMoved, long elapsedNanos, MoveStats stats) {}

  private Moved moveWhole(int pid, MigrationPlan plan) throws SyscallException {
    long start = System.nanoTime();
    long notMoved = syscalls.migratePages(pid, KernelNodeMask.of(plan.from(), plan.to()));
    return new Moved(notMoved, System.nanoTime() - start, null);
  }

  private Moved moveBounded(
      int pid,
      MigrationPlan plan,
      MoveOptions options,
      CallerProcess caller,
      PidGuard guard,
      List<String> warnings)
      throws SyscallException {
    List<MappedRange> ranges;
    try {
      ranges = new AddressSpaceReader(host.proc()).rangesWithPagesOn(pid, sources(plan));
    } catch (NoSuchFileException e) {
      ranges = List.of(); // gone already: the exit check after the move says so
    } catch (IOException e) {
      throw new MigrationException(
          Reason.HOST_UNREADABLE,
          "cannot read the mappings of process " + pid + " (" + reason(e) + ")");
    }
    // As migrate_pages does: shared pages move only for a caller with CAP_SYS_NICE.
    int flags =
        caller.hasCapability(CallerProcess.CAP_SYS_NICE)
            ? MovePagesFlags.MOVE_ALL
            : MovePagesFlags.MOVE;
    BoundedMover.Outcome outcome =
        new BoundedMover(syscalls, clock)
            .move(pid, plan, ranges, options, flags, guard::stillAlive);
    warnings.addAll(outcome.warnings());
    MoveStats stats = outcome.stats();
    return new Moved(stats.pagesNotMoved(), stats.elapsedNanos(), stats);
  }

  private static NumaNodeSet sources(MigrationPlan plan) {
    return NumaNodeSet.of(plan.moves().stream().mapToInt(m -> m.source()).toArray());
  }

  /** Bytes that left the plan's source nodes, by numa_maps before and after. */
  private static long leftSources(MigrationPlan plan, NumaPlacement before, NumaPlacement after) {
    long left = 0;
    for (var move : plan.moves()) {
      left += Math.max(0, before.bytesOn(move.source()) - after.bytesOn(move.source()));
    }
    return left;
  }

  /** FROM without nodes that hold no memory, with a warning for each left out; then the plan. */
  private static MigrationPlan plan(
      NumaNodeSet from, NumaNodeSet to, HostState state, List<String> warnings) {
    SourceNodes sources =
        SourceNodes.of(from, state.topology().online(), state.topology().withMemory());
    warnings.addAll(sources.warnings());
    return MigrationPlanner.plan(sources.kept(), to);
  }

  /**
   * A zombie or a kernel thread has no pages to move: say which, instead of the kernel's EINVAL.
   */
  private void rejectWithoutMemory(int pid, FailureExplainer explainer) {
    Optional<ProcessState> state = ProcessState.read(host, pid);
    if (state.isPresent() && state.get().zombie()) {
      throw explainer.explainZombie(pid, state.get().name());
    }
    if (state.isPresent() && state.get().kernelThread()) {
      throw explainer.explainKernelThread(pid, state.get().name());
    }
  }

  /**
   * Why the process counts as gone after the call, if it does. Read after numa_maps: if the process
   * is still neither a zombie nor reaped now, the placement just read was its own.
   */
  private Optional<String> exitSince(int pid, PidGuard guard) throws SyscallException {
    boolean listed = Files.isDirectory(host.proc().resolve(Integer.toString(pid)));
    Optional<ProcessState> state = ProcessState.read(host, pid);
    if (listed && state.isPresent() && state.get().zombie()) {
      return Optional.of(
          "process "
              + pid
              + " exited while its pages moved (it is a zombie now, not yet reaped by its"
              + " parent): its memory is gone, so where it went is unknown");
    }
    if (!listed || !guard.stillAlive()) {
      return Optional.of(
          "process " + pid + " exited while its pages moved; its PID may name another process now");
    }
    return Optional.empty();
  }

  private int processOf(int requestedPid, List<String> warnings) {
    OptionalInt leader = new ThreadGroups(host).leaderIfThread(requestedPid);
    if (leader.isEmpty()) {
      return requestedPid;
    }
    warnings.add(
        requestedPid
            + " is a thread of process "
            + leader.getAsInt()
            + ": its threads share their memory, so process "
            + leader.getAsInt()
            + " is migrated");
    return leader.getAsInt();
  }

  private PreflightReport preflight(HostState state, MigrationPlan plan, NumaPlacement before) {
    return new Preflight(state.topology(), state.caller(), state.balancing()).check(plan, before);
  }

  private NumaPlacement placementAfter(int pid, List<String> warnings) {
    try {
      return numaMaps.placement(pid);
    } catch (IOException e) {
      warnings.add(
          "cannot read " + numaMaps.path(pid) + " after the migration (" + reason(e) + ")");
      return NumaPlacement.EMPTY;
    }
  }

  /** The placement, or empty with a warning when numa_maps cannot be read. */
  private NumaPlacement placement(int pid, List<String> warnings, HostState state) {
    try {
      return numaMaps.placement(pid);
    } catch (NoSuchFileException e) {
      throw new FailureExplainer(state.caller()).explainMissing(pid);
    } catch (IOException e) {
      warnings.add(
          "cannot read " + numaMaps.path(pid) + " (" + e.getMessage() + "): placement unknown");
      return NumaPlacement.EMPTY;
    }
  }

  private static String reason(IOException e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied: another user's process needs CAP_SYS_PTRACE";
    }
    return e.getMessage();
  }
}
