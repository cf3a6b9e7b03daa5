package io.migratepages.kerneltests;

import static io.migratepages.kerneltests.NumaNodeBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeBytesTest {

  @Test
  void shareIsTheFractionOfAllBytesOnANode() {
    NumaNodeBytes bytes = new NumaNodeBytes(Map.of(0, 1 * MIB, 1, 19 * MIB));
    assertThat(bytes.share(1)).isEqualTo(0.95);
    assertThat(bytes.share(2)).isZero();
    assertThat(new NumaNodeBytes(Map.of()).share(0)).isZero();
  }

  @Test
  void printsMebibytesPerNode() {
    assertThat(new NumaNodeBytes(Map.of(1, 3 * MIB / 2, 0, MIB)))
        .hasToString("{0=1.00 MiB, 1=1.50 MiB}");
  }
}
