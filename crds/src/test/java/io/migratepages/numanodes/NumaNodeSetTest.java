package io.migratepages.numanodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.NoSuchElementException;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumaNodeSetTest {

  private static final NumaNodeSet SPARSE = NumaNodeSet.of(1023, 5, 0, 127, 2, 64);

  @Test
  void membershipAndOrderOfSparseIds() {
    assertThat(SPARSE.size()).isEqualTo(6);
    assertThat(SPARSE.contains(64)).isTrue();
    assertThat(SPARSE.contains(63)).isFalse();
    assertThat(SPARSE.contains(-1)).isFalse();
    assertThat(SPARSE.contains(1024)).isFalse();
    assertThat(SPARSE.first()).isZero();
    assertThat(SPARSE.last()).isEqualTo(1023);
    assertThat(SPARSE.toList()).containsExactly(0, 2, 5, 64, 127, 1023);
    assertThat(SPARSE.toArray()).containsExactly(0, 2, 5, 64, 127, 1023);
    assertThat(SPARSE).containsExactly(0, 2, 5, 64, 127, 1023);
  }

  @Test
  void nthAndIndexOfAreInverse() {
    for (int n = 0; n < SPARSE.size(); n++) {
      assertThat(SPARSE.indexOf(SPARSE.nth(n))).isEqualTo(n);
    }
    assertThat(SPARSE.nth(3)).isEqualTo(64);
    assertThat(SPARSE.indexOf(127)).isEqualTo(4);
    assertThat(SPARSE.indexOf(1)).isEqualTo(-1);
    assertThatThrownBy(() -> SPARSE.nth(6)).isInstanceOf(IndexOutOfBoundsException.class);
    assertThatThrownBy(() -> SPARSE.nth(-1)).isInstanceOf(IndexOutOfBoundsException.class);
  }

  @Test
  void emptySet() {
    NumaNodeSet empty = NumaNodeSet.empty();
    assertThat(empty.isEmpty()).isTrue();
    assertThat(empty.size()).isZero();
    assertThat(empty.toString()).isEmpty();
    assertThat(empty.describe()).isEqualTo("none");
    assertThat(empty).isEqualTo(NumaNodeSet.of()).isEqualTo(NumaNodeSet.parseList("\n"));
    assertThatThrownBy(empty::first).isInstanceOf(NoSuchElementException.class);
    assertThatThrownBy(empty::last).isInstanceOf(NoSuchElementException.class);
    assertThat(empty.toBitmask(1)).containsExactly(0L);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "0,1,2,3,5; 0-3,5",
        "0,1; 0-1",
        "1,3,4; 1,3-4",
        "7; 7",
        "0,2,5; 0,2,5",
        "62,63,64,65; 62-65",
        "1022,1023; 1022-1023",
        "0,1023; 0,1023"
      })
  void canonicalToStringMatchesKernelListFormat(String ids, String expected) {
    int[] array = java.util.Arrays.stream(ids.split(",")).mapToInt(Integer::parseInt).toArray();
    NumaNodeSet set = NumaNodeSet.of(array);
    assertThat(set.toString()).isEqualTo(expected);
    assertThat(set.describe()).isEqualTo(expected);
    assertThat(NumaNodeSet.parseList(expected)).isEqualTo(set);
  }

  @Test
  void toStringRoundTripsThroughParseListForRandomSets() {
    Random random = new Random(42);
    for (int round = 0; round < 200; round++) {
      TreeSet<Integer> ids = new TreeSet<>();
      int count = random.nextInt(40);
      int bound = 1 + random.nextInt(NumaNodeSet.MAX_NODE_ID + 1);
      for (int i = 0; i < count; i++) {
        ids.add(random.nextInt(bound));
      }
      NumaNodeSet set = NumaNodeSet.of(ids.stream().mapToInt(Integer::intValue).toArray());
      assertThat(set.toList()).containsExactlyElementsOf(ids);
      assertThat(NumaNodeSet.parseList(set + "\n")).isEqualTo(set);
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "'0-3,5\\n'; 0,1,2,3,5",
        "'0\\n'; 0",
        "'0,2,5'; 0,2,5",
        "'0-1,3'; 0,1,3",
        "'64-65'; 64,65",
        "'1023'; 1023"
      })
  void parseListReadsSysfsLists(String sysfs, String ids) {
    assertThat(NumaNodeSet.parseList(sysfs.replace("\\n", "\n")).toList())
        .containsExactlyElementsOf(
            java.util.Arrays.stream(ids.split(",")).map(Integer::valueOf).toList());
  }

  @Test
  void parseListOfEmptySysfsFileIsEmpty() {
    assertThat(NumaNodeSet.parseList("")).isEqualTo(NumaNodeSet.empty());
    assertThat(NumaNodeSet.parseList("\n")).isEqualTo(NumaNodeSet.empty());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = ';',
      value = {
        "0-; \"0-\"",
        "a; \"a\"",
        "3-1; reversed range \"3-1\"",
        "1024; node 1024 exceeds 1023",
        "0,,1; element \"\"",
        "-1; \"-1\"",
        "0x1; \"0x1\""
      })
  void parseListRejectsMalformedListsNamingTheElement(String sysfs, String fragment) {
    assertThatThrownBy(() -> NumaNodeSet.parseList(sysfs))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(fragment);
  }

  @Test
  void setOperations() {
    NumaNodeSet a = NumaNodeSet.parseList("0-3");
    NumaNodeSet b = NumaNodeSet.parseList("2-5,64");
    assertThat(a.union(b).toString()).isEqualTo("0-5,64");
    assertThat(a.intersect(b).toString()).isEqualTo("2-3");
    assertThat(a.minus(b).toString()).isEqualTo("0-1");
    assertThat(b.minus(a).toString()).isEqualTo("4-5,64");
    assertThat(a.containsAll(NumaNodeSet.of(0, 3))).isTrue();
    assertThat(a.containsAll(NumaNodeSet.of(0, 4))).isFalse();
    assertThat(a.containsAll(NumaNodeSet.empty())).isTrue();
    assertThat(NumaNodeSet.empty().containsAll(a)).isFalse();
    // operands are unchanged: the set is immutable
    assertThat(a.toString()).isEqualTo("0-3");
    assertThat(b.toString()).isEqualTo("2-5,64");
  }

  @Test
  void returnedCollectionsDoNotExposeState() {
    NumaNodeSet set = NumaNodeSet.of(1, 2);
    set.toArray()[0] = 9;
    set.toBitmask(1)[0] = -1L;
    assertThat(set.toString()).isEqualTo("1-2");
    assertThatThrownBy(() -> set.toList().add(3)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void bitmaskPutsNodeNIntoBitNModulo64OfWordNDiv64() {
    long[] mask = NumaNodeSet.of(0, 63, 64, 127).toBitmask(2);
    assertThat(mask).containsExactly(1L | (1L << 63), 1L | (1L << 63));

    assertThat(NumaNodeSet.of(64).toBitmask(2)).containsExactly(0L, 1L);
    assertThat(NumaNodeSet.of(127).toBitmask(2)).containsExactly(0L, Long.MIN_VALUE);
    assertThat(NumaNodeSet.of(1, 3).toBitmask(1)).containsExactly(0b1010L);
    long[] high = NumaNodeSet.of(1023).toBitmask(16);
    assertThat(high[15]).isEqualTo(Long.MIN_VALUE);
    assertThat(java.util.Arrays.stream(high, 0, 15)).allMatch(w -> w == 0L);
  }

  @Test
  void bitmaskSizeIsCheckedAndMayExceedTheNeed() {
    assertThat(NumaNodeSet.of(64).minimumBitmaskWords()).isEqualTo(2);
    assertThat(NumaNodeSet.of(63).minimumBitmaskWords()).isEqualTo(1);
    assertThat(NumaNodeSet.empty().minimumBitmaskWords()).isEqualTo(1);
    assertThatThrownBy(() -> NumaNodeSet.of(64).toBitmask(1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node 64")
        .hasMessageContaining("at least 2");
    assertThat(NumaNodeSet.of(2).toBitmask(17)).hasSize(17).startsWith(4L);
  }

  @Test
  void equalityIgnoresHowTheSetWasBuilt() {
    assertThat(NumaNodeSet.of(3, 1, 2, 2))
        .isEqualTo(NumaNodeSet.range(1, 3))
        .isEqualTo(NumaNodeSet.parseList("1-3"))
        .hasSameHashCodeAs(NumaNodeSet.range(1, 3))
        .isNotEqualTo(NumaNodeSet.of(1, 3));
  }

  @Test
  void idsOutsideZeroTo1023AreRejected() {
    assertThatThrownBy(() -> NumaNodeSet.of(1024))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("node id 1024");
    assertThatThrownBy(() -> NumaNodeSet.of(-1)).hasMessageContaining("node id -1");
    assertThatThrownBy(() -> NumaNodeSet.range(3, 1))
        .hasMessageContaining("reversed node range 3-1");
  }
}
