package io.migratepages.engine.host;

import io.migratepages.numanodes.NumaNodeSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code /sys/devices/system/node}: the online/possible/has_memory/has_cpu lists and, per
 * online node, {@code meminfo}, {@code cpulist} and {@code distance}.
 */
public final class SysfsTopologyReader {
  private static final Pattern MEMINFO_LINE =
      Pattern.compile("Node\\s+\\d+\\s+(\\w+):\\s+(\\d+)\\s*kB");

  private final Path nodeDir;

  public SysfsTopologyReader(HostPaths host) {
    this.nodeDir = host.sysfsNodes();
  }

  public NumaTopology read() throws IOException {
    Path onlineFile = nodeDir.resolve("online");
    if (!Files.exists(onlineFile)) {
      throw new NoSuchFileException(
          onlineFile.toString(),
          null,
          "this kernel exposes no NUMA nodes (built without CONFIG_NUMA?)");
    }
    NumaNodeSet online = nodeList("online");
    Map<Integer, NumaNodeInfo> nodes = new HashMap<>();
    for (int id : online.toList()) {
      nodes.put(id, node(id, online));
    }
    return NumaTopology.of(
        online,
        optionalNodeList("possible", online),
        optionalNodeList("has_memory", online),
        optionalNodeList("has_cpu", NumaNodeSet.empty()),
        nodes);
  }

  private NumaNodeInfo node(int id, NumaNodeSet online) throws IOException {
    Path dir = nodeDir.resolve("node" + id);
    Map<String, Long> meminfo = meminfoKb(dir.resolve("meminfo"));
    return new NumaNodeInfo(
        id,
        meminfo.getOrDefault("MemTotal", 0L) * 1024,
        meminfo.getOrDefault("MemFree", 0L) * 1024,
        readIfPresent(dir.resolve("cpulist")).trim(),
        distances(dir.resolve("distance"), online));
  }

  private static Map<String, Long> meminfoKb(Path file) throws IOException {
    Map<String, Long> values = new HashMap<>();
    for (String line : readIfPresent(file).split("\n")) {
      Matcher m = MEMINFO_LINE.matcher(line.trim());
      if (m.matches()) {
        values.put(m.group(1), Long.parseLong(m.group(2)));
      }
    }
    return values;
  }

  /** The distance file lists one distance per online node, in ascending node order. */
  private static Map<Integer, Integer> distances(Path file, NumaNodeSet online) throws IOException {
    String text = readIfPresent(file).trim();
    Map<Integer, Integer> distances = new HashMap<>();
    if (text.isEmpty()) {
      return distances;
    }
    String[] fields = text.split("\\s+");
    List<Integer> ids = online.toList();
    for (int i = 0; i < Math.min(fields.length, ids.size()); i++) {
      distances.put(ids.get(i), Integer.parseInt(fields[i]));
    }
    return distances;
  }

  private NumaNodeSet nodeList(String name) throws IOException {
    return parse(Files.readString(nodeDir.resolve(name), StandardCharsets.US_ASCII));
  }

  private NumaNodeSet optionalNodeList(String name, NumaNodeSet fallback) throws IOException {
    Path file = nodeDir.resolve(name);
    return Files.exists(file) ? nodeList(name) : fallback;
  }

  private static NumaNodeSet parse(String sysfsList) {
    String trimmed = sysfsList.trim();
    return trimmed.isEmpty() ? NumaNodeSet.empty() : NumaNodeSet.parseList(trimmed);
  }

  private static String readIfPresent(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.US_ASCII) : "";
  }
}
