package io.migratepages.engine.bounded;

import io.migratepages.engine.syscall.NumaSyscalls;
import io.migratepages.engine.syscall.SyscallException;
import java.util.List;
import java.util.Map;

/**
 * Walks the ranges and hands out the pages that sit on a source node, each with its destination.
 * Where each page is comes from move_pages with no node list, asked one window at a time just
 * before its pages move, so what is handed out is at most one window old: a page unmapped or freed
 * since then is reported by the moving call's status.
 */
final class SourcePages {
  static final int QUERY_WINDOW_PAGES = 4096;
  private static final long HUGE_PAGE_ALIGNMENT = 2L << 20;

  private final NumaSyscalls syscalls;
  private final int pid;
  private final List<MappedRange> ranges;
  private final Map<Integer, Integer> destinationOf;

  private int rangeIndex;
  private long nextAddress;
  private long[] window = new long[0];
  private int[] windowNodes = new int[0];
  private long windowPageSize;
  private int windowLength;
  private int windowPosition;
  private int queries;

  SourcePages(
      NumaSyscalls syscalls,
      int pid,
      List<MappedRange> ranges,
      Map<Integer, Integer> destinations) {
    this.syscalls = syscalls;
    this.pid = pid;
    this.ranges = List.copyOf(ranges);
    this.destinationOf = Map.copyOf(destinations);
    this.nextAddress = ranges.isEmpty() ? 0 : ranges.get(0).start();
  }

  /** The page size of the page {@link #next} would hand out first; 0 when none is left. */
  long upcomingPageSize() {
    if (windowPosition < windowLength) {
      return windowPageSize;
    }
    return rangeIndex < ranges.size() ? ranges.get(rangeIndex).pageSize() : 0;
  }

  /**
   * Fills {@code batch} with up to {@code limit} pages (all of one page size); 0 when every range
   * has been walked.
   */
  int next(int limit, Batch batch) throws SyscallException {
    int count = 0;
    long size = 0;
    while (count < limit) {
      if (windowPosition == windowLength && !queryNextWindow()) {
        break;
      }
      if (count > 0 && windowPageSize != size) {
        break;
      }
      size = windowPageSize;
      int node = windowNodes[windowPosition];
      Integer destination = node >= 0 ? destinationOf.get(node) : null;
      if (destination != null) {
        batch.set(count++, window[windowPosition], destination, windowPageSize);
      }
      windowPosition++;
    }
    batch.length(count);
    return count;
  }

  int queries() {
    return queries;
  }

  private boolean queryNextWindow() throws SyscallException {
    while (rangeIndex < ranges.size() && nextAddress >= ranges.get(rangeIndex).end()) {
      rangeIndex++;
      nextAddress = rangeIndex < ranges.size() ? ranges.get(rangeIndex).start() : 0;
    }
    if (rangeIndex == ranges.size()) {
      return false;
    }
    MappedRange range = ranges.get(rangeIndex);
    // Windows end on a 2 MiB boundary: a transparent huge page moves whole through its first
    // address, so its other addresses must be asked about together with it, never a window later
    // (they would already be on the destination and not count as moved).
    long end = Math.min(range.end(), nextAddress + QUERY_WINDOW_PAGES * range.pageSize());
    long aligned = end & -HUGE_PAGE_ALIGNMENT;
    if (end < range.end() && aligned > nextAddress) {
      end = aligned;
    }
    int length = (int) Math.max(1, (end - nextAddress) / range.pageSize());
    if (window.length < length) {
      window = new long[length];
      windowNodes = new int[length];
    }
    long[] addresses = length == window.length ? window : new long[length];
    for (int i = 0; i < length; i++) {
      addresses[i] = nextAddress + i * range.pageSize();
    }
    int[] nodes = new int[length];
    syscalls.movePages(pid, addresses, null, nodes, 0);
    queries++;
    System.arraycopy(addresses, 0, window, 0, length);
    System.arraycopy(nodes, 0, windowNodes, 0, length);
    windowLength = length;
    windowPosition = 0;
    windowPageSize = range.pageSize();
    nextAddress += length * range.pageSize();
    return true;
  }

  /** One call's worth of pages: addresses, destination nodes and page sizes. */
  static final class Batch {
    final long[] addresses;
    final int[] nodes;
    final long[] pageSizes;
    private int length;

    Batch(int capacity) {
      addresses = new long[capacity];
      nodes = new int[capacity];
      pageSizes = new long[capacity];
    }

    void set(int i, long address, int node, long pageSize) {
      addresses[i] = address;
      nodes[i] = node;
      pageSizes[i] = pageSize;
    }

    int length() {
      return length;
    }

    void length(int length) {
      this.length = length;
    }
  }
}
