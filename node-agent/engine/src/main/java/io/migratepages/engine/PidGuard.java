package io.migratepages.engine;

import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;

/**
 * Pins a process with a pidfd so that PID reuse can be detected: while the pidfd reports the
 * process alive, its PID cannot have been handed to another process (a PID is only recycled once
 * its process has been reaped, and then the pidfd reports it gone).
 */
final class PidGuard implements AutoCloseable {
  private static final int NO_FD = -1;

  private final NumaSyscalls syscalls;
  private final int pidfd;

  private PidGuard(NumaSyscalls syscalls, int pidfd) {
    this.syscalls = syscalls;
    this.pidfd = pidfd;
  }

  /** Opens the pidfd; on kernels without pidfd_open (before 5.3) the guard is absent. */
  static PidGuard open(NumaSyscalls syscalls, int pid) throws SyscallException {
    try {
      return new PidGuard(syscalls, syscalls.pidfdOpen(pid));
    } catch (SyscallException e) {
      if (e.errno() == Errno.ENOSYS) {
        return new PidGuard(syscalls, NO_FD);
      }
      throw e;
    }
  }

  boolean available() {
    return pidfd != NO_FD;
  }

  /**
   * Whether the pinned process still exists. Signal 0 delivers nothing; EPERM (we may not signal
   * another user's process) still proves it exists, only ESRCH says it is gone.
   */
  boolean stillAlive() throws SyscallException {
    if (!available()) {
      return true;
    }
    try {
      syscalls.pidfdSendSignal(pidfd, 0);
      return true;
    } catch (SyscallException e) {
      return switch (e.errno()) {
        case EPERM -> true;
        case ESRCH -> false;
        default -> throw e;
      };
    }
  }

  @Override
  public void close() {
    if (available()) {
      syscalls.close(pidfd);
    }
  }
}
