package io.migratepages.agent.adapters;

import io.migratepages.agent.startup.MigratePagesProbe;
import io.migratepages.engine.syscall.KernelNodeMask;
import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.Optional;

/**
 * Calls {@code migrate_pages(0, ..., {}, {})}: on the caller itself with empty masks, which moves
 * nothing. Past seccomp and with NUMA support the kernel answers 0 or EINVAL (no destination);
 * EPERM can then only come from a seccomp filter or an LSM (ptrace access to oneself is always
 * granted), ENOSYS from a kernel without NUMA or a filter answering ENOSYS.
 */
public final class SyscallMigratePagesProbe implements MigratePagesProbe {
  private static final int SELF = 0;

  private final NumaSyscalls syscalls;

  public SyscallMigratePagesProbe(NumaSyscalls syscalls) {
    this.syscalls = syscalls;
  }

  @Override
  public Optional<String> blocked() {
    try {
      syscalls.migratePages(SELF, KernelNodeMask.of(NumaNodeSet.empty(), NumaNodeSet.empty()));
      return Optional.empty();
    } catch (SyscallException e) {
      return switch (e.errno()) {
        case EINVAL -> Optional.empty();
        case EPERM ->
            Optional.of(
                "migrate_pages(2) on the agent itself fails with EPERM: a seccomp filter (container"
                    + " runtimes' default profiles block it) or a security module denies it");
        case ENOSYS ->
            Optional.of(
                "migrate_pages(2) fails with ENOSYS: the kernel has no NUMA support, or a seccomp"
                    + " filter answers ENOSYS");
        default -> Optional.of("migrate_pages(2) on the agent itself fails: " + e.getMessage());
      };
    }
  }
}
