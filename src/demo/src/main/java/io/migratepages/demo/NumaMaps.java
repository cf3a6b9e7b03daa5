package io.migratepages.demo;

import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An independent reading of /proc/PID/numa_maps (not the engine's parser): bytes per node, over
 * every mapping and over the purely anonymous ones. Bytes on node n of a mapping = N{n} ×
 * kernelpagesize_kB × 1024 (a transparent huge page counts as its base pages; hugetlb pages as
 * their own size).
 */
public record NumaMaps(NodeBytes all, NodeBytes anonymous) {
  private static final Pattern NODE_PAGES = Pattern.compile("N(\\d+)=(\\d+)");
  private static final Pattern PAGE_SIZE = Pattern.compile("kernelpagesize_kB=(\\d+)");

  /**
   * @param text the file's content; a mapping is anonymous when it has anon= pages and no file=
   *     (heap, stack and mmap'd anonymous memory; a private file mapping's copied pages are not)
   */
  public static NumaMaps parse(String text) {
    SortedMap<Integer, Long> all = new TreeMap<>();
    SortedMap<Integer, Long> anonymous = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher pages = NODE_PAGES.matcher(line);
      if (!pages.find()) {
        continue; // a mapping with no pages present, e.g. "7ffe3bda8000 bind:0" (vvar)
      }
      Matcher size = PAGE_SIZE.matcher(line);
      if (!size.find()) {
        throw new IllegalArgumentException(
            "numa_maps line without kernelpagesize_kB=: \"" + line + "\"");
      }
      long pageBytes = Long.parseLong(size.group(1)) * 1024;
      boolean anonymousMapping = hasField(line, "anon=") && !hasField(line, "file=");
      pages.reset();
      while (pages.find()) {
        if (!isFieldStart(line, pages.start())) {
          continue;
        }
        int node = Integer.parseInt(pages.group(1));
        long bytes = Long.parseLong(pages.group(2)) * pageBytes;
        all.merge(node, bytes, Long::sum);
        if (anonymousMapping) {
          anonymous.merge(node, bytes, Long::sum);
        }
      }
    }
    return new NumaMaps(new NodeBytes(all), new NodeBytes(anonymous));
  }

  private static boolean hasField(String line, String prefix) {
    int at = line.indexOf(" " + prefix);
    return at >= 0;
  }

  /** A field starts the line or follows a space (not part of a file name such as "/xN1=2"). */
  private static boolean isFieldStart(String line, int index) {
    return index > 0 && line.charAt(index - 1) == ' ';
  }
}
