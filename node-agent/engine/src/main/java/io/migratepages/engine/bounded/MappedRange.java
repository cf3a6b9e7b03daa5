package io.migratepages.engine.bounded;

/**
 * One mapping of the target that holds pages on a source node: {@code [start, end)}, stepped by
 * {@code pageSize} (the base page, or the hugetlb page size: one address per huge page).
 */
public record MappedRange(long start, long end, long pageSize) {

  public long pages() {
    return (end - start) / pageSize;
  }
}
