package io.migratepages.engine.testing;

import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.KernelNodeMask;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import java.util.ArrayList;
import java.util.List;

/**
 * A syscall layer whose answers the test scripts. It records what the engine asked for; it does NOT
 * model the kernel (the NUMA VM tests do that), so tests built on it prove the engine's logic and
 * argument handling only.
 */
public final class ScriptedSyscalls implements NumaSyscalls {
  /** One recorded migrate_pages call. */
  public record MigrateCall(int pid, KernelNodeMask masks) {}

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
