package io.migratepages.agent.adapters;

import io.migratepages.engine.syscall.JnaNumaSyscalls;
import io.migratepages.engine.syscall.KernelNodeMask;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import java.util.function.Supplier;

/**
 * Loads the JNA syscalls on first use, so that an agent whose libc or architecture JNA cannot
 * handle still starts and reports it (through the start-up probe) instead of crashing.
 */
public final class LazyNumaSyscalls implements NumaSyscalls {
  private final Supplier<NumaSyscalls> loader;
  private volatile NumaSyscalls loaded;
  private volatile RuntimeException failure;

  public LazyNumaSyscalls(Supplier<NumaSyscalls> loader) {
    this.loader = loader;
  }

  public static LazyNumaSyscalls jna() {
    return new LazyNumaSyscalls(JnaNumaSyscalls::new);
  }

  private synchronized NumaSyscalls get() {
    if (loaded != null) {
      return loaded;
    }
    if (failure == null) {
      try {
        loaded = loader.get();
        return loaded;
      } catch (RuntimeException | LinkageError e) {
        failure = new IllegalStateException("cannot load the syscall bindings (JNA): " + e, e);
      }
    }
    throw failure;
  }

  @Override
  public long migratePages(int pid, KernelNodeMask masks) throws SyscallException {
    return get().migratePages(pid, masks);
  }

  @Override
  public long movePages(int pid, long[] addresses, int[] nodes, int[] status, int flags)
      throws SyscallException {
    return get().movePages(pid, addresses, nodes, status, flags);
  }

  @Override
  public int pidfdOpen(int pid) throws SyscallException {
    return get().pidfdOpen(pid);
  }

  @Override
  public void pidfdSendSignal(int pidfd, int signal) throws SyscallException {
    get().pidfdSendSignal(pidfd, signal);
  }

  @Override
  public void close(int fd) {
    get().close(fd);
  }
}
