package io.migratepages.engine.numamaps;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumaMapsParserTest {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private static NumaMapsEntry parse(String line) {
    return NumaMapsParser.parseLine(line).orElseThrow();
  }

  @Test
  void anonymousLineWithSeveralNodes() {
    NumaMapsEntry e =
        parse("7f0000000000 default anon=3 dirty=3 active=1 N0=2 N1=1 kernelpagesize_kB=4");
    assertThat(e.address()).isEqualTo(0x7f0000000000L);
    assertThat(e.pagesPerNode()).isEqualTo(Map.of(0, 2L, 1, 1L));
    assertThat(e.pageSizeBytes()).isEqualTo(4 * KIB);
    assertThat(e.anonymous()).isTrue();
    assertThat(e.hugetlb()).isFalse();
    assertThat(e.bytesOn(0)).isEqualTo(8 * KIB);
  }

  @Test
  void fileMappingIsNotAnonymous() {
    NumaMapsEntry e =
        parse("55595c161000 default file=/usr/bin/head mapped=2 mapmax=9 N0=2 kernelpagesize_kB=4");
    assertThat(e.anonymous()).isFalse();
    assertThat(e.bytesOn(0)).isEqualTo(8 * KIB);
  }

  @Test
  void policiesWithSpacesAndEqualsSignsAreSkipped() {
    assertThat(
            parse("7f02 prefer (many):0-1 anon=4 dirty=4 N0=1 N1=3 kernelpagesize_kB=4")
                .pagesPerNode())
        .isEqualTo(Map.of(0, 1L, 1, 3L));
    assertThat(parse("7f03 weighted interleave:0-3 anon=2 N2=2 kernelpagesize_kB=4").pagesPerNode())
        .isEqualTo(Map.of(2, 2L));
    assertThat(
            parse("7f04 interleave=static:0-1 anon=2 N0=1 N1=1 kernelpagesize_kB=4").pagesPerNode())
        .isEqualTo(Map.of(0, 1L, 1, 1L));
    assertThat(parse("7f05 bind:0-1 heap anon=5 N1=5 kernelpagesize_kB=4").bytesOn(1))
        .isEqualTo(20 * KIB);
    assertThat(parse("7f06 prefer:1 stack anon=1 N1=1 kernelpagesize_kB=4").bytesOn(1))
        .isEqualTo(4 * KIB);
  }

  @Test
  void escapedFileNamesNeverLookLikeNodeCounts() {
    NumaMapsEntry e =
        parse("7f07 default file=/tmp/a\\012b\\040N0\\0759 mapped=1 N1=1 kernelpagesize_kB=4");
    assertThat(e.pagesPerNode()).isEqualTo(Map.of(1, 1L));
  }

  @Test
  void hugetlbCountsHugePages() {
    NumaMapsEntry twoMeg =
        parse(
            "7f08 default file=/anon_hugepage\\040(deleted) huge anon=2 dirty=2 N1=2 kernelpagesize_kB=2048");
    assertThat(twoMeg.hugetlb()).isTrue();
    assertThat(twoMeg.bytesOn(1)).isEqualTo(4 * MIB);
    NumaMapsEntry oneGig =
        parse("7f09 default file=/mnt/huge/x huge dirty=1 N0=1 kernelpagesize_kB=1048576");
    assertThat(oneGig.bytesOn(0)).isEqualTo(1024 * MIB);
    assertThat(oneGig.anonymous()).isFalse();
  }

  @Test
  void transparentHugePagesCountAsBasePages() {
    assertThat(parse("7f0a default anon=1024 dirty=1024 N0=1024 kernelpagesize_kB=4").bytesOn(0))
        .isEqualTo(4 * MIB);
  }

  @Test
  void linesWithoutResidentPages() {
    NumaMapsEntry e = parse("7ffc12345000 default stack");
    assertThat(e.pagesPerNode()).isEmpty();
    assertThat(parse("7f0b default file=/dev/zero\\040(deleted)").pagesPerNode()).isEmpty();
  }

  @Test
  void otherCountersAreIgnored() {
    NumaMapsEntry e =
        parse(
            "7f0c default anon=3 dirty=1 swapcache=1 active=2 writeback=1 mapmax=3 N0=3 kernelpagesize_kB=64");
    assertThat(e.bytesOn(0)).isEqualTo(3 * 64 * KIB);
  }

  @Test
  void missingPageSizeFallsBackToFourKiB() {
    assertThat(parse("7f0d default anon=1 N0=1").pageSizeBytes()).isEqualTo(4 * KIB);
  }

  @Test
  void blankAndForeignLinesAreSkipped() {
    assertThat(NumaMapsParser.parseLine("")).isEqualTo(Optional.empty());
    assertThat(NumaMapsParser.parseLine("   ")).isEqualTo(Optional.empty());
    assertThat(NumaMapsParser.parseLine("not a mapping N0=5")).isEqualTo(Optional.empty());
  }

  @Test
  void readerSumsAllAndAnonymousBytesPerNode(@TempDir Path proc) throws Exception {
    Path file = proc.resolve("77/numa_maps");
    Files.createDirectories(file.getParent());
    Files.writeString(
        file,
        String.join(
            "\n",
            "55d000000000 default file=/usr/bin/app mapped=10 N0=10 kernelpagesize_kB=4",
            "55d000100000 default heap anon=6 dirty=6 N0=2 N1=4 kernelpagesize_kB=4",
            "7f0000000000 prefer (many):0-1 anon=512 dirty=512 N1=512 kernelpagesize_kB=4",
            "7f0000200000 default file=/anon_hugepage\\040(deleted) huge anon=1 dirty=1 N0=1 kernelpagesize_kB=2048",
            "7f0000400000 default file=/dev/shm/x mapped=3 N2=3 kernelpagesize_kB=4",
            "7ffc00000000 default stack anon=1 dirty=1 N0=1 kernelpagesize_kB=4",
            "7ffc00100000 default",
            ""));
    NumaPlacement placement = new NumaMapsReader(proc).placement(77);
    assertThat(placement.bytes())
        .containsExactly(
            Map.entry(0, (10 + 2 + 1) * 4 * KIB + 2 * MIB),
            Map.entry(1, (4 + 512) * 4 * KIB),
            Map.entry(2, 3 * 4 * KIB));
    assertThat(placement.anonymousBytes())
        .containsExactly(Map.entry(0, 3 * 4 * KIB + 2 * MIB), Map.entry(1, (4 + 512) * 4 * KIB));
    assertThat(placement.bytesOn(5)).isZero();
    assertThat(placement.totalBytes()).isEqualTo((13 + 516 + 3) * 4 * KIB + 2 * MIB);
  }
}
