package io.migratepages.engine.local;

import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.NumaNodeInfo;
import io.migratepages.engine.host.NumaTopology;
import io.migratepages.numanodes.NumaNodeSet;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * The NUMA nodes of the CPUs a process may run on: the union of its threads' CPU affinity ({@code
 * Cpus_allowed_list} in {@code /proc/<pid>/task/<tid>/status}, what sched_getaffinity returns),
 * mapped to nodes through each node's {@code cpulist}.
 *
 * <p>The affinity wins over the cgroup's {@code cpuset.cpus.effective}: the kernel keeps every
 * task's affinity inside its cpuset's effective CPUs (it intersects them on every change), so the
 * affinity is never wider, and it is narrower exactly when the process pinned itself further
 * ({@code taskset}, a runtime pinning its threads), which is where it will run. The kubelet's CPU
 * manager writes the container's cpuset, which the affinity therefore follows.
 */
public final class ProcessCpuNodes {
  private final HostPaths host;

  public ProcessCpuNodes(HostPaths host) {
    this.host = host;
  }

  /**
   * @throws NoSuchFileException when the process is gone
   * @throws IOException when its status cannot be read or names no CPU
   */
  public LocalNodes resolve(int pid, NumaTopology topology) throws IOException {
    BitSet cpus = allowedCpus(pid);
    if (cpus.isEmpty()) {
      throw new IOException("no Cpus_allowed_list in /proc/" + pid + "/task/*/status");
    }
    List<Integer> nodes = new ArrayList<>();
    for (NumaNodeInfo node : topology.nodes().values()) {
      if (CpuList.parse(node.cpuList()).intersects(cpus)) {
        nodes.add(node.id());
      }
    }
    NumaNodeSet cpuNodes = NumaNodeSet.of(nodes.stream().mapToInt(Integer::intValue).toArray());
    return new LocalNodes(
        CpuList.format(cpus), cpuNodes, cpuNodes.intersect(topology.withMemory()));
  }

  private BitSet allowedCpus(int pid) throws IOException {
    Path process = host.proc().resolve(Integer.toString(pid));
    BitSet cpus = new BitSet();
    Path tasks = process.resolve("task");
    if (Files.isDirectory(tasks)) {
      try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
        for (Path thread : threads) {
          try {
            cpus.or(allowedCpus(thread.resolve("status")));
          } catch (NoSuchFileException exitedThread) {
            // A thread that ended while we listed them runs nowhere any more.
          }
        }
      }
    }
    if (cpus.isEmpty()) {
      cpus.or(allowedCpus(process.resolve("status")));
    }
    return cpus;
  }

  private static BitSet allowedCpus(Path status) throws IOException {
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("Cpus_allowed_list:")) {
        return CpuList.parse(line.substring("Cpus_allowed_list:".length()));
      }
    }
    return new BitSet();
  }
}
