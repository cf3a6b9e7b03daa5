package io.migratepages.engine;

import io.migratepages.engine.syscall.Errno;
import java.util.Optional;

/** A migration that did not happen; the message is one line that tells the user what to do. */
public final class MigrationException extends RuntimeException {

  /** Why, in terms a caller can act on (the agent maps these to status reasons). */
  public enum Reason {
    /** ESRCH: the PID does not exist in the caller's PID namespace. */
    NO_SUCH_PROCESS,
    /**
     * The process has exited (a zombie its parent has not reaped yet) and has no memory to move.
     */
    PROCESS_EXITED,
    /** EPERM: ptrace-read check, CAP_SYS_NICE for foreign cpusets, or a seccomp filter. */
    PERMISSION_DENIED,
    /** EINVAL: a kernel thread, bad mask, or no destination inside the caller's cpuset. */
    INVALID_REQUEST,
    /** ENOSYS or no NUMA nodes in sysfs: the kernel cannot migrate pages. */
    NUMA_UNAVAILABLE,
    /** The preflight checks refused the request (memoryless destination, caller's cpuset). */
    PREFLIGHT_FAILED,
    /** The caller-supplied verifier no longer accepts the process (PID reused, moved cgroup). */
    PROCESS_REJECTED,
    /** The host's sysfs or procfs could not be read. */
    HOST_UNREADABLE,
    /** Any other errno. */
    SYSCALL_FAILED
  }

  private final Reason reason;
  private final Errno errno;

  public MigrationException(Reason reason, String message, Errno errno) {
    super(message);
    this.reason = reason;
    this.errno = errno;
  }

  public MigrationException(Reason reason, String message) {
    this(reason, message, null);
  }

  public Reason reason() {
    return reason;
  }

  /** The errno behind it, when a syscall failed. */
  public Optional<Errno> errno() {
    return Optional.ofNullable(errno);
  }
}
