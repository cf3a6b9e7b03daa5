package io.migratepages.engine.syscall;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;

/**
 * The real syscalls, through glibc's variadic {@code syscall(2)} wrapper (glibc has no wrappers for
 * migrate_pages or the pidfd calls). Every argument is passed as a {@code long} because the wrapper
 * reads each one as a long.
 */
public final class JnaNumaSyscalls implements NumaSyscalls {

  interface LibC extends Library {
    long syscall(long number, Object... args) throws LastErrorException;

    int close(int fd) throws LastErrorException;
  }

  private final SyscallNumbers numbers;
  private final LibC libc;

  public JnaNumaSyscalls(SyscallNumbers numbers) {
    this.numbers = numbers;
    this.libc = Native.load("c", LibC.class);
  }

  public JnaNumaSyscalls() {
    this(SyscallNumbers.current());
  }

  @Override
  public long migratePages(int pid, KernelNodeMask masks) throws SyscallException {
    return call(
        "migrate_pages",
        numbers.migratePages(),
        (long) pid,
        masks.maxnode(),
        masks.from(),
        masks.to());
  }

  @Override
  public long movePages(int pid, long[] addresses, int[] nodes, int[] status, int flags)
      throws SyscallException {
    // JNA copies primitive arrays to native memory for the call and back afterwards.
    return call(
        "move_pages",
        numbers.movePages(),
        (long) pid,
        (long) addresses.length,
        addresses,
        nodes,
        status,
        (long) flags);
  }

  @Override
  public int pidfdOpen(int pid) throws SyscallException {
    return (int) call("pidfd_open", numbers.pidfdOpen(), (long) pid, 0L);
  }

  @Override
  public void pidfdSendSignal(int pidfd, int signal) throws SyscallException {
    call("pidfd_send_signal", numbers.pidfdSendSignal(), (long) pidfd, (long) signal, 0L, 0L);
  }

  @Override
  public void close(int fd) {
    try {
      libc.close(fd);
    } catch (LastErrorException ignored) {
      // Nothing useful to do about a failed close of a pidfd.
    }
  }

  private long call(String name, long number, Object... args) throws SyscallException {
    try {
      return libc.syscall(number, args);
    } catch (LastErrorException e) {
      throw new SyscallException(name, e.getErrorCode());
    }
  }
}
