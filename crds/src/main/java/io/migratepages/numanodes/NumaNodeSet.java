package io.migratepages.numanodes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.IntStream;

/**
 * An immutable, sorted set of NUMA node ids in {@code 0..MAX_NODE_ID}.
 *
 * <p>Iteration, {@link #toList()} and {@link #nth(int)} run in ascending order. {@link #toString()}
 * is the kernel's compact list format ({@code 0-3,5}), the same format {@link #parseList(String)}
 * reads from sysfs.
 */
public final class NumaNodeSet implements Iterable<Integer> {

  /** Highest node id the kernel supports (MAX_NUMNODES is at most 1 << 10). */
  public static final int MAX_NODE_ID = 1023;

  private static final int WORDS = (MAX_NODE_ID + 1) / Long.SIZE;
  private static final NumaNodeSet EMPTY = new NumaNodeSet(new long[WORDS]);

  private final long[] words;
  private final int size;

  private NumaNodeSet(long[] words) {
    this.words = words;
    int count = 0;
    for (long w : words) {
      count += Long.bitCount(w);
    }
    this.size = count;
  }

  public static NumaNodeSet empty() {
    return EMPTY;
  }

  public static NumaNodeSet of(int... ids) {
    long[] w = new long[WORDS];
    for (int id : ids) {
      checkId(id);
      w[id / Long.SIZE] |= 1L << (id % Long.SIZE);
    }
    return new NumaNodeSet(w);
  }

  /** The nodes {@code first..last}, both included. */
  public static NumaNodeSet range(int first, int last) {
    checkId(first);
    checkId(last);
    if (first > last) {
      throw new IllegalArgumentException(
          "reversed node range " + first + "-" + last + " (write " + last + "-" + first + ")");
    }
    long[] w = new long[WORDS];
    for (int id = first; id <= last; id++) {
      w[id / Long.SIZE] |= 1L << (id % Long.SIZE);
    }
    return new NumaNodeSet(w);
  }

  /**
   * Reads the kernel's list format as found in {@code
   * /sys/devices/system/node/{online,has_memory}}: {@code 0-3,5}, trailing newline allowed; an
   * empty file ({@code ""} or {@code "\n"}) is the empty set. Only for node lists: cpu lists may
   * hold ids above {@link #MAX_NODE_ID}.
   *
   * @throws IllegalArgumentException naming the malformed element
   */
  public static NumaNodeSet parseList(String sysfsList) {
    if (sysfsList == null) {
      throw new IllegalArgumentException("node list is null (expected e.g. \"0-3,5\" or \"\")");
    }
    String list = sysfsList.strip();
    if (list.isEmpty()) {
      return EMPTY;
    }
    long[] w = new long[WORDS];
    for (String element : list.split(",", -1)) {
      int dash = element.indexOf('-');
      int first = parseListNumber(element, dash < 0 ? element : element.substring(0, dash));
      int last = dash < 0 ? first : parseListNumber(element, element.substring(dash + 1));
      if (first > last) {
        throw new IllegalArgumentException(
            "node list \"" + list + "\": reversed range \"" + element + "\"");
      }
      for (int id = first; id <= last; id++) {
        w[id / Long.SIZE] |= 1L << (id % Long.SIZE);
      }
    }
    return new NumaNodeSet(w);
  }

  private static int parseListNumber(String element, String digits) {
    if (digits.isEmpty() || digits.length() > 4 || !digits.chars().allMatch(Character::isDigit)) {
      throw new IllegalArgumentException(
          "node list element \"" + element + "\" is not N or N-M with N, M in 0-" + MAX_NODE_ID);
    }
    int id = Integer.parseInt(digits);
    if (id > MAX_NODE_ID) {
      throw new IllegalArgumentException(
          "node list element \"" + element + "\": node " + id + " exceeds " + MAX_NODE_ID);
    }
    return id;
  }

  private static void checkId(int id) {
    if (id < 0 || id > MAX_NODE_ID) {
      throw new IllegalArgumentException(
          "node id " + id + " is out of range (valid: 0-" + MAX_NODE_ID + ")");
    }
  }

  public boolean contains(int id) {
    return id >= 0 && id <= MAX_NODE_ID && (words[id / Long.SIZE] & (1L << (id % Long.SIZE))) != 0;
  }

  public int size() {
    return size;
  }

  public boolean isEmpty() {
    return size == 0;
  }

  /** Smallest member; {@link NoSuchElementException} if empty. */
  public int first() {
    return nth(0);
  }

  /** Largest member; {@link NoSuchElementException} if empty. */
  public int last() {
    if (isEmpty()) {
      throw new NoSuchElementException("the node set is empty");
    }
    return nth(size - 1);
  }

  /** The n-th smallest member, 0-based. */
  public int nth(int n) {
    if (isEmpty()) {
      throw new NoSuchElementException("the node set is empty");
    }
    if (n < 0 || n >= size) {
      throw new IndexOutOfBoundsException(
          "index " + n + " out of range for node set " + this + " of size " + size);
    }
    int remaining = n;
    for (int i = 0; i < WORDS; i++) {
      int count = Long.bitCount(words[i]);
      if (remaining < count) {
        long w = words[i];
        for (int k = 0; k < remaining; k++) {
          w &= w - 1; // clear lowest set bit
        }
        return i * Long.SIZE + Long.numberOfTrailingZeros(w);
      }
      remaining -= count;
    }
    throw new AssertionError("unreachable: size is inconsistent with words");
  }

  /** The rank of {@code id} (0 for the smallest member), or -1 if absent. */
  public int indexOf(int id) {
    if (!contains(id)) {
      return -1;
    }
    int word = id / Long.SIZE;
    int rank = 0;
    for (int i = 0; i < word; i++) {
      rank += Long.bitCount(words[i]);
    }
    long below = (1L << (id % Long.SIZE)) - 1;
    return rank + Long.bitCount(words[word] & below);
  }

  public IntStream stream() {
    return IntStream.range(0, MAX_NODE_ID + 1).filter(this::contains);
  }

  public List<Integer> toList() {
    List<Integer> list = new ArrayList<>(size);
    forEach(list::add);
    return List.copyOf(list);
  }

  public int[] toArray() {
    return stream().toArray();
  }

  public NumaNodeSet union(NumaNodeSet o) {
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = words[i] | o.words[i];
    }
    return new NumaNodeSet(w);
  }

  public NumaNodeSet intersect(NumaNodeSet o) {
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = words[i] & o.words[i];
    }
    return new NumaNodeSet(w);
  }

  public NumaNodeSet minus(NumaNodeSet o) {
    long[] w = new long[WORDS];
    for (int i = 0; i < WORDS; i++) {
      w[i] = words[i] & ~o.words[i];
    }
    return new NumaNodeSet(w);
  }

  public boolean containsAll(NumaNodeSet o) {
    for (int i = 0; i < WORDS; i++) {
      if ((o.words[i] & ~words[i]) != 0) {
        return false;
      }
    }
    return true;
  }

  /** The fewest 64-bit words {@link #toBitmask(int)} accepts for this set (at least 1). */
  public int minimumBitmaskWords() {
    return isEmpty() ? 1 : last() / Long.SIZE + 1;
  }

  /**
   * The kernel's {@code unsigned long} node mask: bit {@code n % 64} of word {@code n / 64} is set
   * for each member {@code n}.
   *
   * @throws IllegalArgumentException if a member does not fit into {@code words} words
   */
  public long[] toBitmask(int words) {
    if (words < minimumBitmaskWords()) {
      throw new IllegalArgumentException(
          "a bitmask of "
              + words
              + " words cannot hold node "
              + (isEmpty() ? 0 : last())
              + " (need at least "
              + minimumBitmaskWords()
              + ")");
    }
    long[] mask = new long[words];
    System.arraycopy(this.words, 0, mask, 0, Math.min(words, WORDS));
    return mask;
  }

  /** The canonical compact list, e.g. {@code 0-3,5}; the empty set gives {@code ""}. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    int id = nextMember(0);
    while (id >= 0) {
      int end = id;
      while (end < MAX_NODE_ID && contains(end + 1)) {
        end++;
      }
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(id);
      if (end > id) {
        sb.append('-').append(end);
      }
      id = nextMember(end + 1);
    }
    return sb.toString();
  }

  /** Like {@link #toString()} but {@code none} for the empty set, for messages. */
  public String describe() {
    return isEmpty() ? "none" : toString();
  }

  private int nextMember(int from) {
    for (int id = from; id <= MAX_NODE_ID; id++) {
      if (contains(id)) {
        return id;
      }
    }
    return -1;
  }

  @Override
  public Iterator<Integer> iterator() {
    return stream().iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NumaNodeSet other && Arrays.equals(words, other.words);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(words);
  }
}
