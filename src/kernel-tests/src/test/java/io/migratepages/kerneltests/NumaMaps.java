package io.migratepages.kerneltests;

import java.util.HashMap;
import java.util.Map;

/**
 * Reads /proc/PID/numa_maps text on its own, independently of the engine's parser, so the kernel
 * tests judge the CLI by a second opinion. Bytes on node n = sum of N{n}=pages x kernelpagesize_kB.
 */
final class NumaMaps {

  private NumaMaps() {}

  static NodeBytes parse(String numaMaps) {
    Map<Integer, Long> bytes = new HashMap<>();
    for (String line : numaMaps.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] fields = line.trim().split("\\s+");
      long pageBytes = pageBytes(fields, line);
      for (String field : fields) {
        if (field.length() > 2 && field.charAt(0) == 'N' && Character.isDigit(field.charAt(1))) {
          int eq = field.indexOf('=');
          if (eq < 0) {
            continue; // a policy word, not a page count
          }
          int node = Integer.parseInt(field.substring(1, eq));
          long pages = Long.parseLong(field.substring(eq + 1));
          bytes.merge(node, pages * pageBytes, Long::sum);
        }
      }
    }
    return new NodeBytes(bytes);
  }

  private static long pageBytes(String[] fields, String line) {
    for (String field : fields) {
      if (field.startsWith("kernelpagesize_kB=")) {
        return Long.parseLong(field.substring("kernelpagesize_kB=".length())) * 1024L;
      }
    }
    if (line.contains(" N")) {
      throw new IllegalArgumentException(
          "numa_maps line has page counts but no kernelpagesize_kB: " + line);
    }
    return 0;
  }
}
