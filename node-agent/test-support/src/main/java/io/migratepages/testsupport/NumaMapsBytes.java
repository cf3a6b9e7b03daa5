package io.migratepages.testsupport;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A second opinion on {@code /proc/<pid>/numa_maps}, written apart from the engine's parser so that
 * the kernel tests and the demo judge the engine's numbers by an independent reading: bytes per
 * node over every mapping ({@link #all()}) and over the purely anonymous ones ({@link
 * #anonymous()}). Bytes on node n of a mapping = N{n} × kernelpagesize_kB × 1024 (a transparent
 * huge page counts as its base pages, a hugetlb page as its own size).
 *
 * <p>Stricter than the engine on purpose: a line with page counts but no {@code kernelpagesize_kB}
 * is an error here (the engine assumes 4 KiB for kernels before 2.6.38), and a file mapping's
 * copied-on-write pages are not anonymous here (the engine counts any line with {@code anon=}).
 */
public record NumaMapsBytes(SortedMap<Integer, Long> all, SortedMap<Integer, Long> anonymous) {
  private static final Pattern NODE_PAGES = Pattern.compile("N(\\d+)=(\\d+)");
  private static final Pattern PAGE_SIZE = Pattern.compile("kernelpagesize_kB=(\\d+)");

  public NumaMapsBytes {
    all = Collections.unmodifiableSortedMap(new TreeMap<>(all));
    anonymous = Collections.unmodifiableSortedMap(new TreeMap<>(anonymous));
  }

  /**
   * @param text the file's content; a mapping is anonymous when it has anon= pages and no file=
   *     (heap, stack and mmap'd anonymous memory; a private file mapping's copied pages are not)
   */
  public static NumaMapsBytes parse(String text) {
    SortedMap<Integer, Long> all = new TreeMap<>();
    SortedMap<Integer, Long> anonymous = new TreeMap<>();
    for (String line : text.split("\n")) {
      Matcher pages = NODE_PAGES.matcher(line);
      if (!pages.find()) {
        continue; // blank, or a mapping with no pages present, e.g. "7ffe3bda8000 bind:0" (vvar)
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
    return new NumaMapsBytes(all, anonymous);
  }

  private static boolean hasField(String line, String prefix) {
    return line.contains(" " + prefix);
  }

  /** A field follows a space; "N7=9" inside a file name such as "/tmp/xN7=9" is not one. */
  private static boolean isFieldStart(String line, int index) {
    return index > 0 && line.charAt(index - 1) == ' ';
  }
}
