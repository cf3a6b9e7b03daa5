package io.migratepages.kerneltests;

import static io.migratepages.kerneltests.NodeBytes.MIB;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The tests' own numa_maps reader: it must be right for the kernel tests to mean anything. */
class NumaMapsTest {

  @Test
  void sumsPagesPerNodeTimesTheirPageSize() {
    NodeBytes bytes =
        NumaMaps.parse(
            """
            55f12a108000 default file=/usr/bin/memhog mapped=1 mapmax=2 N1=1 kernelpagesize_kB=4
            7fd5de42a000 bind:3 anon=12288 dirty=12288 active=0 N1=12288 kernelpagesize_kB=4
            7fd5e142a000 prefer (many):0-1 anon=3 dirty=3 N0=1 N2=2 kernelpagesize_kB=4
            7f0000000000 default file=/dev/hugepages/x huge dirty=1 N3=1 kernelpagesize_kB=2048
            7ffd1234000 default stack anon=3 dirty=3 N0=3 kernelpagesize_kB=4
            7ffd1239000 default
            """);

    assertThat(bytes.on(0)).isEqualTo(4 * 4096);
    assertThat(bytes.on(1)).isEqualTo(12289L * 4096);
    assertThat(bytes.on(2)).isEqualTo(2 * 4096);
    assertThat(bytes.on(3)).isEqualTo(2 * MIB);
    assertThat(bytes.on(4)).isZero();
    assertThat(bytes.share(1)).isBetween(0.95, 0.96);
  }

  @Test
  void refusesPageCountsWithoutAPageSize() {
    assertThatThrownBy(() -> NumaMaps.parse("7f00 default anon=1 N0=1\n"))
        .hasMessageContaining("kernelpagesize_kB");
  }
}
