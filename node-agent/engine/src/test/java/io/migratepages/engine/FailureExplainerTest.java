package io.migratepages.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.engine.MigrationException.Reason;
import io.migratepages.engine.host.CallerProcess;
import io.migratepages.engine.syscall.Errno;
import io.migratepages.engine.syscall.SyscallException;
import io.migratepages.numanodes.NumaNodeSet;
import org.junit.jupiter.api.Test;

class FailureExplainerTest {
  private static final CallerProcess ROOT_ON_HOST =
      new CallerProcess(NumaNodeSet.of(0, 1), 0x1ffffffffffL, 0, true, false);
  private static final CallerProcess CONFINED_CONTAINER =
      new CallerProcess(NumaNodeSet.of(0), 0L, 2, false, true);

  private static MigrationException explain(CallerProcess caller, String syscall, Errno errno) {
    return new FailureExplainer(caller)
        .explain(new SyscallException(syscall, errno.number()), 4321);
  }

  @Test
  void esrchOnTheHostIsJustNoSuchProcess() {
    MigrationException e = explain(ROOT_ON_HOST, "migrate_pages", Errno.ESRCH);
    assertThat(e.reason()).isEqualTo(Reason.NO_SUCH_PROCESS);
    assertThat(e.errno()).contains(Errno.ESRCH);
    assertThat(e).hasMessage("no such process 4321");
  }

  @Test
  void esrchInsideAPidNamespaceNamesHostPid() {
    assertThat(explain(CONFINED_CONTAINER, "pidfd_open", Errno.ESRCH).getMessage())
        .startsWith("no such process 4321 in this PID namespace")
        .contains("hostPID: true");
  }

  @Test
  void epermNamesCapabilitiesAndSeccomp() {
    MigrationException e = explain(CONFINED_CONTAINER, "migrate_pages", Errno.EPERM);
    assertThat(e.reason()).isEqualTo(Reason.PERMISSION_DENIED);
    assertThat(e.getMessage())
        .contains("Seccomp: 2")
        .contains("seccompProfile Unconfined")
        .contains("CAP_SYS_PTRACE (missing")
        .contains("CAP_SYS_NICE (missing")
        .doesNotContain("\n");
  }

  @Test
  void epermWithoutSeccompRulesSeccompOutAndSaysWhatIsPresent() {
    assertThat(explain(ROOT_ON_HOST, "migrate_pages", Errno.EPERM).getMessage())
        .doesNotContain("seccompProfile")
        .contains("no seccomp filter is active here")
        .contains("CAP_SYS_PTRACE (present)")
        .contains("CAP_SYS_NICE (present)");
  }

  @Test
  void epermFromPidfdOpenCanOnlyBeSeccomp() {
    assertThat(explain(ROOT_ON_HOST, "pidfd_open", Errno.EPERM).getMessage())
        .startsWith("pidfd_open was refused (EPERM)")
        .contains("seccomp");
  }

  @Test
  void einvalNamesKernelThreadsAndOurCpuset() {
    MigrationException e = explain(ROOT_ON_HOST, "migrate_pages", Errno.EINVAL);
    assertThat(e.reason()).isEqualTo(Reason.INVALID_REQUEST);
    assertThat(e.getMessage()).contains("kernel thread").contains("Mems_allowed_list 0-1");
  }

  @Test
  void enosysMeansNoNuma() {
    MigrationException e = explain(ROOT_ON_HOST, "migrate_pages", Errno.ENOSYS);
    assertThat(e.reason()).isEqualTo(Reason.NUMA_UNAVAILABLE);
    assertThat(e.getMessage()).contains("CONFIG_NUMA");
  }

  @Test
  void otherErrnosKeepTheirNumber() {
    MigrationException e =
        new FailureExplainer(ROOT_ON_HOST).explain(new SyscallException("migrate_pages", 75), 1);
    assertThat(e.reason()).isEqualTo(Reason.SYSCALL_FAILED);
    assertThat(e.getMessage()).isEqualTo("migrate_pages failed: errno 75 for process 1");
  }
}
