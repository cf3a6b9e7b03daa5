package io.migratepages.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelListTest {
  @Test
  void runsBecomeRangesInAscendingOrder() {
    assertThat(KernelList.format(List.of(5, 0, 1, 2, 3))).isEqualTo("0-3,5");
    assertThat(KernelList.format(List.of(0, 2))).isEqualTo("0,2");
    assertThat(KernelList.format(List.of(7))).isEqualTo("7");
  }

  @Test
  void noIdsIsTheEmptyList() {
    assertThat(KernelList.format(List.of())).isEmpty();
  }
}
