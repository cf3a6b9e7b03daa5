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

  /**
   * {@code move_pages(2)}: moves the page at {@code addresses[i]} to node {@code nodes[i]}, or with
   * {@code nodes == null} only reports where each page is. Fills {@code status[i]} with the page's
   * node or a negative errno (-ENOENT not present, -EFAULT not mapped, -EACCES shared, -EBUSY,
   * -ENOMEM); an entry the kernel did not reach keeps what the caller put there.
   *
   * @param flags {@link MovePagesFlags#MOVE} or {@link MovePagesFlags#MOVE_ALL}
   * @return 0, or the number of pages the kernel tried and failed to migrate
   */
  long movePages(int pid, long[] addresses, int[] nodes, int[] status, int flags)
      throws SyscallException;

  /** {@code pidfd_open(2)}: a file descriptor that keeps referring to this very process. */
  int pidfdOpen(int pid) throws SyscallException;

  /** {@code pidfd_send_signal(2)}; signal 0 only checks that the process still exists. */
  void pidfdSendSignal(int pidfd, int signal) throws SyscallException;

  void close(int fd);
}
