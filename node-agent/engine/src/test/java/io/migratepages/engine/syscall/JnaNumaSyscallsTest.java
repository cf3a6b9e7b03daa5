package io.migratepages.engine.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.migratepages.numanodes.NumaNodeSet;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The real binding against this machine's kernel, limited to what any NUMA kernel answers the same
 * way on one node: moving our own pages 0 -> 0, a pidfd on ourselves, ESRCH for an impossible PID.
 * Cross-node behaviour is tested in the NUMA VM.
 */
class JnaNumaSyscallsTest {
  private static final int NO_SUCH_PID = Integer.MAX_VALUE;
  private JnaNumaSyscalls syscalls;
  private final int self = (int) ProcessHandle.current().pid();

  @BeforeEach
  void kernelWithNuma() {
    assumeTrue(Files.exists(Path.of("/sys/devices/system/node/online")), "no NUMA sysfs here");
    syscalls = new JnaNumaSyscalls();
  }

  @Test
  void migratingOwnPagesFromANodeToItselfMovesNothingAndSucceeds() throws Exception {
    long notMoved =
        syscalls.migratePages(self, KernelNodeMask.of(NumaNodeSet.of(0), NumaNodeSet.of(0)));
    assertThat(notMoved).isZero();
  }

  @Test
  void pidfdOnOurselvesIsAlive() throws Exception {
    int fd = syscalls.pidfdOpen(self);
    try {
      assertThat(fd).isNotNegative();
      syscalls.pidfdSendSignal(fd, 0);
    } finally {
      syscalls.close(fd);
    }
  }

  @Test
  void impossiblePidIsEsrch() {
    assertThatThrownBy(() -> syscalls.pidfdOpen(NO_SUCH_PID))
        .isInstanceOfSatisfying(
            SyscallException.class, e -> assertThat(e.errno()).isEqualTo(Errno.ESRCH));
    assertThatThrownBy(
            () ->
                syscalls.migratePages(
                    NO_SUCH_PID, KernelNodeMask.of(NumaNodeSet.of(0), NumaNodeSet.of(0))))
        .isInstanceOfSatisfying(
            SyscallException.class,
            e -> {
              assertThat(e.errno()).isEqualTo(Errno.ESRCH);
              assertThat(e.syscall()).isEqualTo("migrate_pages");
            });
  }
}
