package io.migratepages.engine.numamaps;

import java.util.Map;

/**
 * One line of {@code /proc/<pid>/numa_maps}: how many pages of one mapping sit on each node.
 *
 * @param pagesPerNode N&lt;node&gt;=&lt;pages&gt; (empty for mappings with no resident pages)
 * @param pageSizeBytes kernelpagesize_kB × 1024 (2 MiB or 1 GiB for hugetlb, the base page for the
 *     rest: a transparent huge page is counted as its base pages)
 * @param anonymous the line carries {@code anon=}: the mapping holds anonymous pages
 * @param hugetlb the line carries {@code huge}
 */
public record NumaMapsEntry(
    long address,
    Map<Integer, Long> pagesPerNode,
    long pageSizeBytes,
    boolean anonymous,
    boolean hugetlb) {

  public NumaMapsEntry {
    pagesPerNode = Map.copyOf(pagesPerNode);
  }

  public long bytesOn(int node) {
    return pagesPerNode.getOrDefault(node, 0L) * pageSizeBytes;
  }
}
