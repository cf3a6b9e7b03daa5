package io.migratepages.engine.numamaps;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Reads {@code <procRoot>/<pid>/numa_maps}; the proc root is configurable for fixture tests. */
public final class NumaMapsReader {
  private final Path procRoot;

  public NumaMapsReader(Path procRoot) {
    this.procRoot = procRoot;
  }

  public List<NumaMapsEntry> entries(int pid) throws IOException {
    // ISO-8859-1 keeps any byte a file name may contain; only ASCII tokens matter to us.
    List<String> lines = Files.readAllLines(path(pid), StandardCharsets.ISO_8859_1);
    return lines.stream().map(NumaMapsParser::parseLine).flatMap(Optional::stream).toList();
  }

  public NumaPlacement placement(int pid) throws IOException {
    return NumaPlacement.of(entries(pid));
  }

  public Path path(int pid) {
    return procRoot.resolve(Integer.toString(pid)).resolve("numa_maps");
  }
}
