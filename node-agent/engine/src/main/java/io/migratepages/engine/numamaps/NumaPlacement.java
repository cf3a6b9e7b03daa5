package io.migratepages.engine.numamaps;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Where a process's memory sits: bytes per node over all mappings, and over the mappings that hold
 * anonymous memory (lines with {@code anon=}; a private file mapping with copied-on-write pages
 * counts whole, which in practice is a few pages of a library's data segment). Shared pages are
 * counted under every process that maps them, exactly as numa_maps shows them.
 */
public record NumaPlacement(
    SortedMap<Integer, Long> bytes, SortedMap<Integer, Long> anonymousBytes) {

  public static final NumaPlacement EMPTY = new NumaPlacement(new TreeMap<>(), new TreeMap<>());

  public NumaPlacement {
    bytes = Collections.unmodifiableSortedMap(new TreeMap<>(bytes));
    anonymousBytes = Collections.unmodifiableSortedMap(new TreeMap<>(anonymousBytes));
  }

  public static NumaPlacement of(Collection<NumaMapsEntry> entries) {
    SortedMap<Integer, Long> all = new TreeMap<>();
    SortedMap<Integer, Long> anonymous = new TreeMap<>();
    for (NumaMapsEntry entry : entries) {
      for (Map.Entry<Integer, Long> pages : entry.pagesPerNode().entrySet()) {
        long bytes = pages.getValue() * entry.pageSizeBytes();
        all.merge(pages.getKey(), bytes, Long::sum);
        if (entry.anonymous()) {
          anonymous.merge(pages.getKey(), bytes, Long::sum);
        }
      }
    }
    return new NumaPlacement(all, anonymous);
  }

  public long bytesOn(int node) {
    return bytes.getOrDefault(node, 0L);
  }

  public long anonymousBytesOn(int node) {
    return anonymousBytes.getOrDefault(node, 0L);
  }

  public long totalBytes() {
    return bytes.values().stream().mapToLong(Long::longValue).sum();
  }
}
