package io.migratepages.engine.numamaps;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses numa_maps lines by their key=value tokens only. The policy field is never parsed: it can
 * contain spaces ({@code prefer (many):0-1}, {@code weighted interleave:0-3}) and '=' ({@code
 * interleave=static:0-1}), while the kernel escapes spaces, tabs, newlines and '=' in file names
 * ({@code file=/tmp/a\040b}), so a token is never a piece of a file name.
 */
public final class NumaMapsParser {

  /** numa_maps has printed kernelpagesize_kB since 2.6.38; older kernels only had base pages. */
  static final long FALLBACK_PAGE_SIZE_BYTES = 4096;

  private static final Pattern NODE_PAGES = Pattern.compile("N(\\d+)=(\\d+)");
  private static final Pattern PAGE_SIZE = Pattern.compile("kernelpagesize_kB=(\\d+)");

  private NumaMapsParser() {}

  /**
   * The entry for one line, or empty for a blank line or one that does not start with an address.
   */
  public static Optional<NumaMapsEntry> parseLine(String line) {
    String[] tokens = line.trim().split("\\s+");
    if (tokens.length == 0 || !tokens[0].matches("[0-9a-fA-F]+")) {
      return Optional.empty();
    }
    Map<Integer, Long> pages = new HashMap<>();
    long pageSize = FALLBACK_PAGE_SIZE_BYTES;
    boolean anonymous = false;
    boolean hugetlb = false;
    for (int i = 1; i < tokens.length; i++) {
      String token = tokens[i];
      Matcher node = NODE_PAGES.matcher(token);
      Matcher size = PAGE_SIZE.matcher(token);
      if (node.matches()) {
        pages.merge(Integer.parseInt(node.group(1)), Long.parseLong(node.group(2)), Long::sum);
      } else if (size.matches()) {
        pageSize = Long.parseLong(size.group(1)) * 1024;
      } else if (token.startsWith("anon=")) {
        anonymous = true;
      } else if (token.equals("huge")) {
        hugetlb = true;
      }
    }
    return Optional.of(
        new NumaMapsEntry(
            Long.parseUnsignedLong(tokens[0], 16), pages, pageSize, anonymous, hugetlb));
  }
}
