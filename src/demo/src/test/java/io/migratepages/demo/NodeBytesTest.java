package io.migratepages.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NodeBytesTest {
  private static NumaNodeBytes pages(int onNode0, int onNode1) {
    return new NumaNodeBytes(new TreeMap<>(Map.of(0, onNode0 * 4096L, 1, onNode1 * 4096L)));
  }

  @Test
  void movedAwayCountsOnlyWhatLeftANode() {
    NumaNodeBytes before = pages(8, 2);
    NumaNodeBytes after = pages(1, 9);
    assertThat(before.movedAway(after)).isEqualTo(7 * 4096);
    assertThat(after.movedAway(before)).isEqualTo(7 * 4096);
  }

  @Test
  void readsTheStatusMapKeyedByNodeText() {
    NumaNodeBytes bytes = NumaNodeBytes.fromStatus(Map.of("0", 4096, "1", 8192L));
    assertThat(bytes.on(1)).isEqualTo(8192);
    assertThat(bytes.total()).isEqualTo(12288);
    assertThat(NumaNodeBytes.fromStatus(null).total()).isZero();
  }
}
