package io.migratepages.engine;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.numamaps.NumaMapsReader;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.engine.plan.MigrationPlanner;
import io.migratepages.engine.plan.SourceNodes;
import io.migratepages.engine.preflight.Preflight;
import io.migratepages.engine.preflight.PreflightReport;
import io.migratepages.engine.syscall.KernelNodeMask;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import io.migratepages.numanodes.NumaNodeSet;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Moves one process's pages between NUMA nodes: the entry point the CLI and the node agent call.
 * Framework-free; every call reads the host afresh (free memory changes as pages move).
 */
public final class MigrationEngine {
  private final HostPaths host;
  private final NumaSyscalls syscalls;
  private final NumaMapsReader numaMaps;

  public MigrationEngine(HostPaths host, NumaSyscalls syscalls) {
    this.host = host;
    this.syscalls = syscalls;
    this.numaMaps = new NumaMapsReader(host.proc());
  }

  public HostState readHost() {
    return HostState.read(host);
  }

  /** What {@link #migrate} would do, without moving anything. */
  public MigrationPreview preview(int requestedPid, NumaNodeSet from, NumaNodeSet to) {
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
    return new MigrationPreview(
        pid, plan, before, new PreflightReport(checks.errors(), allWarnings));
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

      long start = System.nanoTime();
      long notMoved;
      try {
        notMoved = syscalls.migratePages(pid, KernelNodeMask.of(plan.from(), plan.to()));
      } catch (SyscallException e) {
        rejectWithoutMemory(pid, explainer);
        throw e;
      }
      long elapsed = System.nanoTime() - start;

      List<String> afterWarnings = new ArrayList<>();
      NumaPlacement after = placementAfter(pid, afterWarnings);
      Optional<String> exit = exitSince(pid, guard);
      if (exit.isPresent()) {
        warnings.add(exit.get());
        after = NumaPlacement.EMPTY;
      } else {
        warnings.addAll(afterWarnings);
      }
      return new MigrationResult(
          pid, plan, before, after, notMoved, elapsed, exit.isPresent(), warnings);
    } catch (SyscallException e) {
      throw explainer.explain(e, pid);
    }
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
