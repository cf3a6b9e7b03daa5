package io.migratepages.agent.adapters;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.testing.ScriptedSyscalls;
import org.junit.jupiter.api.Test;

class SyscallMigratePagesProbeTest {

  @Test
  void callsMigratePagesOnItselfWithEmptyMasks() {
    ScriptedSyscalls syscalls = new ScriptedSyscalls();

    assertThat(new SyscallMigratePagesProbe(syscalls).blocked()).isEmpty();
    assertThat(syscalls.migrateCalls())
        .singleElement()
        .satisfies(
            call -> {
              assertThat(call.pid()).isZero();
              assertThat(call.masks().from()).containsOnly(0L);
              assertThat(call.masks().to()).containsOnly(0L);
            });
  }

  @Test
  void einvalMeansTheCallReachedTheKernel() {
    ScriptedSyscalls syscalls = new ScriptedSyscalls().failMigrate(Errno.EINVAL);

    assertThat(new SyscallMigratePagesProbe(syscalls).blocked()).isEmpty();
  }

  @Test
  void epermIsASeccompFilterOrSecurityModule() {
    ScriptedSyscalls syscalls = new ScriptedSyscalls().failMigrate(Errno.EPERM);

    assertThat(new SyscallMigratePagesProbe(syscalls).blocked())
        .hasValueSatisfying(m -> assertThat(m).contains("EPERM").contains("seccomp"));
  }

  @Test
  void enosysIsNoNumaOrAFilter() {
    ScriptedSyscalls syscalls = new ScriptedSyscalls().failMigrate(Errno.ENOSYS);

    assertThat(new SyscallMigratePagesProbe(syscalls).blocked())
        .hasValueSatisfying(m -> assertThat(m).contains("ENOSYS").contains("NUMA"));
  }

  @Test
  void bindingsThatCannotLoadAreReportedNotThrownAtConstruction() {
    LazyNumaSyscalls broken =
        new LazyNumaSyscalls(
            () -> {
              throw new UnsatisfiedLinkError("libc.so.6: not found");
            });
    SyscallMigratePagesProbe probe = new SyscallMigratePagesProbe(broken);

    org.assertj.core.api.Assertions.assertThatThrownBy(probe::blocked)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot load the syscall bindings (JNA)")
        .hasMessageContaining("libc.so.6");
  }
}
