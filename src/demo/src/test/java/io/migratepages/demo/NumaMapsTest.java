package io.migratepages.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumaMapsTest {
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
    NumaMaps maps = NumaMaps.parse(MEMHOG);
    long page = 4096;
    assertThat(maps.all().on(0)).isEqualTo((1 + 1 + 3 + 65000 + 3) * page);
    assertThat(maps.all().on(1)).isEqualTo((538 + 37) * page + 2 * 2048 * 1024L);
    // the memhog data page copied on write has anon= but belongs to a file mapping
    assertThat(maps.anonymous().on(0)).isEqualTo((3 + 65000 + 3) * page);
    assertThat(maps.anonymous().on(1)).isEqualTo(538 * page + 2 * 2048 * 1024L);
  }

  @Test
  void movedAwayCountsOnlyWhatLeftANode() {
    NumaMaps before = NumaMaps.parse("1000 default anon=10 N0=8 N1=2 kernelpagesize_kB=4\n");
    NumaMaps after = NumaMaps.parse("1000 default anon=10 N0=1 N1=9 kernelpagesize_kB=4\n");
    assertThat(before.all().movedAway(after.all())).isEqualTo(7 * 4096);
    assertThat(after.all().movedAway(before.all())).isEqualTo(7 * 4096);
  }

  @Test
  void aFileNameThatLooksLikeAFieldIsNotCounted() {
    NumaMaps maps =
        NumaMaps.parse("1000 default file=/tmp/xN7=9 mapped=1 N0=1 kernelpagesize_kB=4\n");
    assertThat(maps.all().bytes()).containsOnlyKeys(0);
  }

  @Test
  void pagesWithoutAPageSizeAreAnError() {
    assertThatThrownBy(() -> NumaMaps.parse("1000 default anon=1 N0=1\n"))
        .hasMessageContaining("kernelpagesize_kB");
  }
}
