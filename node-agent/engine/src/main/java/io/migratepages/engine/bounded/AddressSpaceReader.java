package io.migratepages.engine.bounded;

import io.migratepages.engine.numamaps.NumaMapsEntry;
import io.migratepages.engine.numamaps.NumaMapsReader;
import io.migratepages.numanodes.NumaNodeSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The target's mappings that hold pages on the source nodes: numa_maps says which mappings have
 * pages where (and their page size), {@code /proc/<pid>/maps} where each one ends; both list a
 * mapping under the same start address.
 */
public final class AddressSpaceReader {
  private final Path procRoot;
  private final NumaMapsReader numaMaps;

  public AddressSpaceReader(Path procRoot) {
    this.procRoot = procRoot;
    this.numaMaps = new NumaMapsReader(procRoot);
  }

  public List<MappedRange> rangesWithPagesOn(int pid, NumaNodeSet sources) throws IOException {
    Map<Long, Long> ends = mappingEnds(pid);
    List<MappedRange> ranges = new ArrayList<>();
    for (NumaMapsEntry entry : numaMaps.entries(pid)) {
      boolean onSource =
          entry.pagesPerNode().entrySet().stream()
              .anyMatch(e -> e.getValue() > 0 && sources.contains(e.getKey()));
      Long end = ends.get(entry.address());
      if (onSource && end != null && end > entry.address()) {
        ranges.add(new MappedRange(entry.address(), end, entry.pageSizeBytes()));
      }
    }
    return ranges;
  }

  /** start → end of every mapping in {@code /proc/<pid>/maps} ("start-end perms offset ..."). */
  private Map<Long, Long> mappingEnds(int pid) throws IOException {
    Map<Long, Long> ends = new HashMap<>();
    Path maps = procRoot.resolve(Integer.toString(pid)).resolve("maps");
    for (String line : Files.readAllLines(maps, StandardCharsets.ISO_8859_1)) {
      int dash = line.indexOf('-');
      int space = line.indexOf(' ');
      if (dash > 0 && space > dash) {
        ends.put(
            Long.parseUnsignedLong(line.substring(0, dash), 16),
            Long.parseUnsignedLong(line.substring(dash + 1, space), 16));
      }
    }
    return ends;
  }
}
