package io.migratepages.engine.syscall;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.numanodes.NumaNodeSet;
import org.junit.jupiter.api.Test;

class KernelNodeMaskTest {

  @Test
  void oneWordForLowNodesAndMaxnodeIsBitsPlusOne() {
    KernelNodeMask m = KernelNodeMask.of(NumaNodeSet.of(0), NumaNodeSet.of(1, 3));
    assertThat(m.maxnode()).isEqualTo(65);
    assertThat(m.from()).containsExactly(0b1L);
    assertThat(m.to()).containsExactly(0b1010L);
  }

  @Test
  void bothMasksGrowToTheHighestNodeOfEither() {
    KernelNodeMask m = KernelNodeMask.of(NumaNodeSet.of(0), NumaNodeSet.of(64));
    assertThat(m.maxnode()).isEqualTo(129);
    assertThat(m.from()).containsExactly(1L, 0L);
    assertThat(m.to()).containsExactly(0L, 1L);
    assertThat(KernelNodeMask.of(NumaNodeSet.of(63), NumaNodeSet.of(0)).maxnode()).isEqualTo(65);
    assertThat(KernelNodeMask.of(NumaNodeSet.of(1023), NumaNodeSet.of(0)).maxnode())
        .isEqualTo(1025);
  }

  @Test
  void emptySetsStillGiveOneWord() {
    KernelNodeMask m = KernelNodeMask.of(NumaNodeSet.empty(), NumaNodeSet.empty());
    assertThat(m.maxnode()).isEqualTo(65);
    assertThat(m.from()).containsExactly(0L);
  }

  @Test
  void syscallNumbersPerArchitecture() {
    assertThat(SyscallNumbers.forArch("amd64").migratePages()).isEqualTo(256);
    assertThat(SyscallNumbers.forArch("x86_64").pidfdOpen()).isEqualTo(434);
    assertThat(SyscallNumbers.forArch("aarch64").migratePages()).isEqualTo(238);
    assertThat(SyscallNumbers.forArch("aarch64").pidfdSendSignal()).isEqualTo(424);
    assertThatThrownBy(() -> SyscallNumbers.forArch("ppc64le"))
        .hasMessageContaining("os.arch=ppc64le")
        .hasMessageContaining("x86_64");
  }

  @Test
  void errnoNumbers() {
    assertThat(Errno.of(1)).isEqualTo(Errno.EPERM);
    assertThat(Errno.of(3)).isEqualTo(Errno.ESRCH);
    assertThat(Errno.of(22)).isEqualTo(Errno.EINVAL);
    assertThat(Errno.of(38)).isEqualTo(Errno.ENOSYS);
    assertThat(Errno.of(999)).isEqualTo(Errno.OTHER);
    assertThat(new SyscallException("migrate_pages", 999).getMessage())
        .isEqualTo("migrate_pages failed: errno 999");
  }
}
