package io.migratepages.engine.placement;

import io.migratepages.engine.host.CpuList;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.engine.numamaps.NumaMapsReader;
import io.migratepages.numanodes.NumaNodeSet;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads a container's NUMA usage: bytes per NUMA node from each process's numa_maps, and its CPUs
 * from {@code cpuset.cpus.effective} of its cgroup (cgroup v2), or, where the cgroup has no such
 * file (cgroup v1's memory hierarchy), from the first process's {@code Cpus_allowed_list}.
 *
 * <p>Reading numa_maps makes the kernel walk the process's page tables: its cost grows with the
 * process's resident memory, which is why the agent reads at a bounded rate.
 */
public final class ContainerNumaUsageReader {
  static final String CPUSET_FILE = "cpuset.cpus.effective";
  private static final String CPUS_ALLOWED = "Cpus_allowed_list:";

  private final Path procRoot;
  private final NumaMapsReader numaMaps;

  public ContainerNumaUsageReader(Path procRoot) {
    this.procRoot = procRoot;
    this.numaMaps = new NumaMapsReader(procRoot);
  }

  /**
   * @param cgroupDirectory the container's cgroup directory
   * @param pids its processes (verified to belong to it)
   */
  public ContainerNumaUsage read(Path cgroupDirectory, List<Integer> pids, NumaTopology topology) {
    List<String> problems = new ArrayList<>();
    SortedMap<Integer, Long> bytes = new TreeMap<>();
    int read = 0;
    for (int pid : pids) {
      try {
        for (Map.Entry<Integer, Long> e : numaMaps.placement(pid).bytes().entrySet()) {
          bytes.merge(e.getKey(), e.getValue(), Long::sum);
        }
        read++;
      } catch (NoSuchFileException e) {
        // exited since the cgroup was listed: nothing of it to count
      } catch (IOException e) {
        problems.add("pid " + pid + ": cannot read " + numaMaps.path(pid) + ": " + e.getMessage());
      }
    }
    CpuList cpus = cpus(cgroupDirectory, pids, problems);
    NumaNodeSet cpuNodes = cpus.isEmpty() ? NumaNodeSet.empty() : topology.numaNodesOf(cpus);
    return new ContainerNumaUsage(cpus, cpuNodes, read, bytes, problems);
  }

  private CpuList cpus(Path cgroupDirectory, List<Integer> pids, List<String> problems) {
    Path cpuset = cgroupDirectory.resolve(CPUSET_FILE);
    try {
      if (Files.exists(cpuset)) {
        return CpuList.parse(Files.readString(cpuset, StandardCharsets.US_ASCII));
      }
      for (int pid : pids) {
        Optional<CpuList> allowed = cpusAllowed(pid);
        if (allowed.isPresent()) {
          return allowed.get();
        }
      }
      problems.add("no " + CPUSET_FILE + " in " + cgroupDirectory + " and no process to ask");
    } catch (IOException | IllegalArgumentException e) {
      problems.add("cannot read the CPUs of " + cgroupDirectory + ": " + e.getMessage());
    }
    return CpuList.parse("");
  }

  private Optional<CpuList> cpusAllowed(int pid) throws IOException {
    Path status = procRoot.resolve(Integer.toString(pid)).resolve("status");
    try {
      for (String line : Files.readAllLines(status, StandardCharsets.ISO_8859_1)) {
        if (line.startsWith(CPUS_ALLOWED)) {
          return Optional.of(CpuList.parse(line.substring(CPUS_ALLOWED.length())));
        }
      }
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }
}
