package io.migratepages.engine.syscall;

/**
 * The kernel calls the engine makes. {@link JnaNumaSyscalls} is the real one; tests inject their
 * own to exercise the engine's logic (which proves nothing about the kernel itself).
 */
public interface NumaSyscalls {

  /**
   * {@code migrate_pages(2)}.
   *
   * @return the number of pages that could not be moved (0 when everything moved)
   */
  long migratePages(int pid, KernelNodeMask masks) throws SyscallException;

  /** {@code pidfd_open(2)}: a file descriptor that keeps referring to this very process. */
  int pidfdOpen(int pid) throws SyscallException;

  /** {@code pidfd_send_signal(2)}; signal 0 only checks that the process still exists. */
  void pidfdSendSignal(int pidfd, int signal) throws SyscallException;

  void close(int fd);
}
