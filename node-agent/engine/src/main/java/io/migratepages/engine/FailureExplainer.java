package io.migratepages.engine;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.host.CallerProcess;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.SyscallException;
import java.util.ArrayList;
import java.util.List;

/** Turns a failed syscall into a {@link MigrationException} whose message says what to do. */
public final class FailureExplainer {
  static final String SECCOMP_ADVICE =
      "container runtimes' default seccomp profiles (Docker, containerd) block migrate_pages and"
          + " move_pages: run with seccompProfile Unconfined or a Localhost profile that allows"
          + " migrate_pages, move_pages and pidfd_open";

  private final CallerProcess caller;

  public FailureExplainer(CallerProcess caller) {
    this.caller = caller;
  }

  public MigrationException explain(SyscallException failure, int pid) {
    Errno errno = failure.errno();
    return switch (errno) {
      case ESRCH -> new MigrationException(Reason.NO_SUCH_PROCESS, noSuchProcess(pid), errno);
      case EPERM ->
          new MigrationException(Reason.PERMISSION_DENIED, notPermitted(failure, pid), errno);
      case EINVAL -> new MigrationException(Reason.INVALID_REQUEST, invalid(failure, pid), errno);
      case ENOSYS -> new MigrationException(Reason.NUMA_UNAVAILABLE, unavailable(failure), errno);
      case EACCES ->
          new MigrationException(
              Reason.PERMISSION_DENIED,
              failure.syscall()
                  + " refused to move the pages of process "
                  + pid
                  + " (EACCES): a destination node lies outside the nodes the process may use"
                  + " (its cpuset.mems, Mems_allowed_list in /proc/"
                  + pid
                  + "/status)",
              errno);
      default ->
          new MigrationException(
              Reason.SYSCALL_FAILED, failure.getMessage() + " for process " + pid, errno);
    };
  }

  /** The process is not in /proc (the dry run never calls the kernel). */
  public MigrationException explainMissing(int pid) {
    return new MigrationException(Reason.NO_SUCH_PROCESS, noSuchProcess(pid), Errno.ESRCH);
  }

  /** The process has exited but its parent has not reaped it yet: no memory is left to move. */
  public MigrationException explainZombie(int pid, String name) {
    return new MigrationException(
        Reason.PROCESS_EXITED,
        "process "
            + pid
            + named(name)
            + " has exited: it is a zombie (State Z in /proc/"
            + pid
            + "/status) that its parent has not reaped yet, and has no memory left to move");
  }

  /** Kernel threads have no user address space; migrate_pages would answer EINVAL. */
  public MigrationException explainKernelThread(int pid, String name) {
    return new MigrationException(
        Reason.INVALID_REQUEST,
        "process "
            + pid
            + named(name)
            + " is a kernel thread: it has no user memory to move (migrate_pages would fail with"
            + " EINVAL)",
        Errno.EINVAL);
  }

  private static String named(String name) {
    return name.isEmpty() ? "" : " (" + name + ")";
  }

  public String noSuchProcess(int pid) {
    if (!caller.hostPidNamespace()) {
      return "no such process "
          + pid
          + " in this PID namespace: this tool runs in a container with its own PID namespace"
          + " and cannot see host PIDs; run it with hostPID: true (docker/podman: --pid=host)";
    }
    return "no such process " + pid;
  }

  private String notPermitted(SyscallException failure, int pid) {
    if (failure.syscall().startsWith("pidfd")) {
      // pidfd_open and pidfd_send_signal(0) have no permission check of their own.
      return failure.syscall()
          + " was refused (EPERM), which only a seccomp filter does: "
          + SECCOMP_ADVICE;
    }
    List<String> causes = new ArrayList<>();
    if (caller.seccompFiltered()) {
      causes.add(
          "this process runs under a seccomp filter (Seccomp: "
              + caller.seccompMode()
              + ") and "
              + SECCOMP_ADVICE);
    } else {
      causes.add("no seccomp filter is active here (Seccomp: 0), so the kernel itself refused");
    }
    causes.add(
        "acting on another user's process needs CAP_SYS_PTRACE"
            + missing(CallerProcess.CAP_SYS_PTRACE));
    causes.add(
        "moving pages to nodes outside the target's cpuset needs CAP_SYS_NICE"
            + missing(CallerProcess.CAP_SYS_NICE));
    return "not permitted to migrate the pages of process "
        + pid
        + " (EPERM): "
        + String.join("; ", causes);
  }

  private String missing(int capability) {
    return caller.hasCapability(capability) ? " (present)" : " (missing: run as root or add it)";
  }

  private String invalid(SyscallException failure, int pid) {
    return failure.syscall()
        + " rejected the request for process "
        + pid
        + " (EINVAL): the process may be a kernel thread (no user memory to move), no destination"
        + " node may lie inside this process's own cpuset (Mems_allowed_list "
        + caller.memsAllowed()
        + "), or a node number exceeds the kernel's limit";
  }

  private static String unavailable(SyscallException failure) {
    return failure.syscall()
        + " is not available (ENOSYS): the kernel was built without NUMA page migration"
        + " (CONFIG_NUMA, CONFIG_MIGRATION) or is older than the call"
        + (failure.syscall().startsWith("pidfd") ? " (Linux 5.3)" : "")
        + ", or a seccomp profile answers ENOSYS";
  }
}
