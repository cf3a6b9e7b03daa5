package io.migratepages.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The independent numa_maps reader: it must be right for the kernel tests and the demo to mean
 * anything.
 */
class NumaMapsBytesTest {
  private static final long PAGE = 4096;
  private static final long MIB = 1024L * 1024L;

  private static final String MEMHOG =
      """
      55f562a43000 bind:0 file=/cache/bin/memhog mapped=1 active=0 N0=1 kernelpagesize_kB=4
      55f562a46000 bind:0 file=/cache/bin/memhog anon=1 dirty=1 active=0 N0=1 kernelpagesize_kB=4
      55f57730d000 bind:0 heap anon=3 dirty=3 active=0 N0=3 kernelpagesize_kB=4
      7f0118ee6000 bind:0 anon=65538 dirty=65538 active=0 N0=65000 N1=538 kernelpagesize_kB=4
      7f0128ee9000 bind:0 file=/usr/lib/x86_64-linux-gnu/libc.so.6 mapped=37 mapmax=5 N1=37 kernelpagesize_kB=4
      7f0200000000 prefer (many):0-1 huge anon=2 dirty=2 N1=2 kernelpagesize_kB=2048
      7ffe3bd39000 bind:0 stack anon=3 dirty=3 active=1 N0=3 kernelpagesize_kB=4
      7ffe3bda8000 bind:0
      """;

  @Test
  void countsEveryMappingAndThePurelyAnonymousOnes() {
    NumaMapsBytes maps = NumaMapsBytes.parse(MEMHOG);
    assertThat(maps.all().get(0)).isEqualTo((1 + 1 + 3 + 65000 + 3) * PAGE);
    assertThat(maps.all().get(1)).isEqualTo((538 + 37) * PAGE + 2 * 2048 * 1024L);
    // the memhog data page copied on write has anon= but belongs to a file mapping
    assertThat(maps.anonymous().get(0)).isEqualTo((3 + 65000 + 3) * PAGE);
    assertThat(maps.anonymous().get(1)).isEqualTo(538 * PAGE + 2 * 2048 * 1024L);
  }

  @Test
  void sumsPagesPerNodeTimesTheirPageSize() {
    NumaMapsBytes maps =
        NumaMapsBytes.parse(
            """
            55f12a108000 default file=/usr/bin/memhog mapped=1 mapmax=2 N1=1 kernelpagesize_kB=4
            7fd5de42a000 bind:3 anon=12288 dirty=12288 active=0 N1=12288 kernelpagesize_kB=4
            7fd5e142a000 prefer (many):0-1 anon=3 dirty=3 N0=1 N2=2 kernelpagesize_kB=4

            7f0000000000 default file=/dev/hugepages/x huge dirty=1 N3=1 kernelpagesize_kB=2048
            7ffd1234000 default stack anon=3 dirty=3 N0=3 kernelpagesize_kB=4
            7ffd1239000 default
            """);

    assertThat(maps.all())
        .containsOnly(
            entry(0, 4 * PAGE), entry(1, 12289L * PAGE), entry(2, 2 * PAGE), entry(3, 2 * MIB));
  }

  @Test
  void aFileNameThatLooksLikeAFieldIsNotCounted() {
    NumaMapsBytes maps =
        NumaMapsBytes.parse("1000 default file=/tmp/xN7=9 mapped=1 N0=1 kernelpagesize_kB=4\n");
    assertThat(maps.all()).containsOnlyKeys(0);
  }

  @Test
  void pagesWithoutAPageSizeAreAnError() {
    assertThatThrownBy(() -> NumaMapsBytes.parse("1000 default anon=1 N0=1\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("kernelpagesize_kB");
  }

  private static java.util.Map.Entry<Integer, Long> entry(int node, long bytes) {
    return java.util.Map.entry(node, bytes);
  }
}
