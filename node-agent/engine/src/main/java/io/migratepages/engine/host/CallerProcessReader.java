package io.migratepages.engine.host;

import io.migratepages.numanodes.NumaNodeSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Reads {@link CallerProcess} from {@code /proc/self/status} and a few marker files. */
public final class CallerProcessReader {
  private final HostPaths host;

  public CallerProcessReader(HostPaths host) {
    this.host = host;
  }

  public CallerProcess read() throws IOException {
    Map<String, String> status = status(host.proc().resolve("self/status"));
    boolean hostPidNamespace = isKthreadd(host.proc().resolve("2/comm"));
    boolean marked =
        Files.exists(host.root().resolve(".dockerenv"))
            || Files.exists(host.root().resolve("run/.containerenv"));
    String mems = status.getOrDefault("Mems_allowed_list", "").trim();
    return new CallerProcess(
        mems.isEmpty() ? NumaNodeSet.empty() : NumaNodeSet.parseList(mems),
        Long.parseUnsignedLong(status.getOrDefault("CapEff", "0").trim(), 16),
        Integer.parseInt(status.getOrDefault("Seccomp", "0").trim()),
        hostPidNamespace,
        marked || !hostPidNamespace);
  }

  private static Map<String, String> status(Path file) throws IOException {
    Map<String, String> fields = new HashMap<>();
    for (String line : Files.readAllLines(file)) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.put(line.substring(0, colon), line.substring(colon + 1));
      }
    }
    return fields;
  }

  private static boolean isKthreadd(Path comm) throws IOException {
    return Files.exists(comm) && Files.readString(comm).trim().equals("kthreadd");
  }
}
