package io.migratepages.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Writes a fake host root for tests: {@code sys/devices/system/node/...} as sysfs lays it out,
 * {@code proc/self/status}, {@code proc/sys/kernel/numa_balancing}, {@code proc/<pid>/numa_maps}.
 * {@link #write()} returns the root; the engine's tests wrap it as {@code new HostPaths(root)}.
 */
public final class HostFixture {
  /** CAP_SYS_PTRACE and CAP_SYS_NICE, as root has them. */
  public static final long ROOT_CAPS = 0x000001ffffffffffL;

  private record Node(int id, long memTotalKb, long memFreeKb, String cpus) {}

  private final Path root;
  private final Map<Integer, Node> nodes = new TreeMap<>();
  private int numaBalancing;
  private String memsAllowed;
  private long capEff = ROOT_CAPS;
  private int seccomp;
  private boolean hostPidNamespace = true;

  private HostFixture(Path root) {
    this.root = root;
  }

  public static HostFixture at(Path root) {
    return new HostFixture(root);
  }

  /** Two nodes, 0 and 1, each with 8 GiB of which 4 GiB are free. */
  public static HostFixture twoNodes(Path root) {
    return at(root).node(0, 8 << 20, 4 << 20, "0-3").node(1, 8 << 20, 4 << 20, "4-7");
  }

  /** Four nodes 0-3 where node 3 has CPUs but no memory. */
  public static HostFixture fourNodesOneMemoryless(Path root) {
    return at(root)
        .node(0, 8 << 20, 4 << 20, "0-1")
        .node(1, 8 << 20, 4 << 20, "2-3")
        .node(2, 8 << 20, 4 << 20, "4-5")
        .node(3, 0, 0, "6-7");
  }

  /**
   * Four nodes where node 1 has a CPU and no memory (like the NUMA VM's 4-memoryless topology and
   * CPU-only CXL or sub-NUMA nodes); nodes 2 and 3 have memory and no CPU.
   */
  public static HostFixture fourNodesCpuOnlyNode1(Path root) {
    return at(root)
        .node(0, 8 << 20, 4 << 20, "0")
        .node(1, 0, 0, "1")
        .node(2, 8 << 20, 4 << 20, "")
        .node(3, 8 << 20, 4 << 20, "");
  }

  /** Four nodes 0-3, each with memory and two CPUs (node n: CPUs 2n and 2n+1). */
  public static HostFixture fourNodes(Path root) {
    return at(root)
        .node(0, 8 << 20, 4 << 20, "0-1")
        .node(1, 8 << 20, 4 << 20, "2-3")
        .node(2, 8 << 20, 4 << 20, "4-5")
        .node(3, 8 << 20, 4 << 20, "6-7");
  }

  /** Sparse ids: nodes 0 and 2 only. */
  public static HostFixture sparseNodes(Path root) {
    return at(root).node(0, 8 << 20, 4 << 20, "0-3").node(2, 8 << 20, 4 << 20, "4-7");
  }

  /** A node; {@code memTotalKb == 0} makes it memoryless, an empty cpu list CPU-less. */
  public HostFixture node(int id, long memTotalKb, long memFreeKb, String cpus) {
    nodes.put(id, new Node(id, memTotalKb, memFreeKb, cpus));
    return this;
  }

  public HostFixture numaBalancing(int mode) {
    this.numaBalancing = mode;
    return this;
  }

  /** This process's Mems_allowed_list; defaults to every node. */
  public HostFixture memsAllowed(String list) {
    this.memsAllowed = list;
    return this;
  }

  public HostFixture capabilities(long capEff) {
    this.capEff = capEff;
    return this;
  }

  public HostFixture seccomp(int mode) {
    this.seccomp = mode;
    return this;
  }

  /** Whether PID 2 is kthreadd, i.e. we run in the host's PID namespace. */
  public HostFixture hostPidNamespace(boolean value) {
    this.hostPidNamespace = value;
    return this;
  }

  /** Writes the files and returns the host root. */
  public Path write() {
    String online = KernelList.format(nodes.keySet());
    String withMemory = matching(n -> n.memTotalKb() > 0);
    String withCpu = matching(n -> !n.cpus().isEmpty());
    Path sysfs = root.resolve("sys/devices/system/node");
    write(sysfs.resolve("online"), online + "\n");
    write(sysfs.resolve("possible"), online + "\n");
    write(sysfs.resolve("has_memory"), withMemory + "\n");
    write(sysfs.resolve("has_cpu"), withCpu + "\n");
    for (Node n : nodes.values()) {
      Path dir = sysfs.resolve("node" + n.id());
      write(dir.resolve("meminfo"), meminfo(n));
      write(dir.resolve("cpulist"), n.cpus() + "\n");
      write(dir.resolve("distance"), distances(n) + "\n");
    }
    write(root.resolve("proc/sys/kernel/numa_balancing"), numaBalancing + "\n");
    write(root.resolve("proc/self/status"), status(memsAllowed == null ? online : memsAllowed));
    write(root.resolve("proc/2/comm"), hostPidNamespace ? "kthreadd\n" : "sleep\n");
    return root;
  }

  /** Writes (or rewrites) {@code proc/<pid>/numa_maps} under the host root {@code root}. */
  public static void numaMaps(Path root, int pid, String... lines) {
    write(
        root.resolve("proc").resolve(Integer.toString(pid)).resolve("numa_maps"),
        lines.length == 0 ? "" : String.join("\n", lines) + "\n");
  }

  /**
   * Writes {@code proc/<pid>/maps}: one private anonymous mapping per {@code [start, end)} pair, in
   * the kernel's format ({@code 7f00-7f80 rw-p 00000000 00:00 0}).
   */
  public static void maps(Path root, int pid, long... startEndPairs) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i + 1 < startEndPairs.length; i += 2) {
      text.append(Long.toHexString(startEndPairs[i]))
          .append('-')
          .append(Long.toHexString(startEndPairs[i + 1]))
          .append(" rw-p 00000000 00:00 0 \n");
    }
    write(root.resolve("proc").resolve(Integer.toString(pid)).resolve("maps"), text.toString());
  }

  /**
   * Writes {@code proc/<pid>/task/<tid>/status} with the thread's CPU affinity ({@code
   * Cpus_allowed_list}, e.g. "4-7").
   */
  public static void cpusAllowed(Path root, int pid, int tid, String cpuList) {
    write(
        root.resolve("proc")
            .resolve(Integer.toString(pid))
            .resolve("task")
            .resolve(Integer.toString(tid))
            .resolve("status"),
        "Name:\tworker\nTgid:\t"
            + pid
            + "\nPid:\t"
            + tid
            + "\nCpus_allowed_list:\t"
            + cpuList
            + "\n");
  }

  /** A numa_maps line for a hugetlb mapping of 2 MiB pages: {@code pagesPerNode} as "N0=2". */
  public static String hugetlbLine(long address, String pagesPerNode) {
    return Long.toHexString(address)
        + " default file=/anon_hugepage\\040(deleted) huge dirty=1 "
        + pagesPerNode
        + " kernelpagesize_kB=2048";
  }

  /** Makes {@code tid} a (non-leader) thread of process {@code tgid}: {@code proc/<tid>/status}. */
  public static void thread(Path root, int tid, int tgid) {
    write(
        root.resolve("proc").resolve(Integer.toString(tid)).resolve("status"),
        "Name:\tworker\nTgid:\t" + tgid + "\nPid:\t" + tid + "\n");
  }

  /**
   * Writes {@code proc/<pid>/status} as the kernel does for a user process ({@code state} "S" or
   * "R"), a zombie ("Z") or, with {@code hasMm} false, a kernel thread (no Vm lines), under the
   * host root {@code root}.
   */
  public static void processStatus(Path root, int pid, String name, String state, boolean hasMm) {
    processStatus(root, pid, name, state, hasMm, null);
  }

  /**
   * As {@link #processStatus(Path, int, String, String, boolean)}, with a {@code Cpus_allowed_list}
   * line ({@code cpusAllowed} in list form, e.g. "0-3"; none when null).
   */
  public static void processStatus(
      Path root, int pid, String name, String state, boolean hasMm, String cpusAllowed) {
    String words = state.equals("Z") ? " (zombie)" : state.equals("S") ? " (sleeping)" : "";
    write(
        root.resolve("proc").resolve(Integer.toString(pid)).resolve("status"),
        "Name:\t"
            + name
            + "\nState:\t"
            + state
            + words
            + "\nTgid:\t"
            + pid
            + "\nPid:\t"
            + pid
            + "\n"
            + (hasMm ? "VmPeak:\t  10000 kB\nVmSize:\t  10000 kB\n" : "")
            + "Threads:\t1\n"
            + (cpusAllowed == null ? "" : "Cpus_allowed_list:\t" + cpusAllowed + "\n"));
  }

  /** A numa_maps line for anonymous memory: {@code pagesPerNode} as "N0=10 N1=5". */
  public static String anonLine(long address, String pagesPerNode) {
    long pages =
        List.of(pagesPerNode.split(" ")).stream()
            .mapToLong(t -> Long.parseLong(t.substring(t.indexOf('=') + 1)))
            .sum();
    return Long.toHexString(address)
        + " default anon="
        + pages
        + " dirty="
        + pages
        + " active=0 "
        + pagesPerNode
        + " kernelpagesize_kB=4";
  }

  private String matching(Predicate<Node> predicate) {
    return KernelList.format(nodes.values().stream().filter(predicate).map(Node::id).toList());
  }

  private static String meminfo(Node n) {
    return "Node "
        + n.id()
        + " MemTotal:       "
        + n.memTotalKb()
        + " kB\n"
        + "Node "
        + n.id()
        + " MemFree:        "
        + n.memFreeKb()
        + " kB\n"
        + "Node "
        + n.id()
        + " MemUsed:        "
        + (n.memTotalKb() - n.memFreeKb())
        + " kB\n";
  }

  private String distances(Node from) {
    return nodes.keySet().stream()
        .map(id -> id == from.id() ? "10" : "21")
        .collect(Collectors.joining(" "));
  }

  private String status(String mems) {
    return "Name:\tjava\nNSpid:\t4242\nCapEff:\t"
        + String.format("%016x", capEff)
        + "\nSeccomp:\t"
        + seccomp
        + "\nMems_allowed_list:\t"
        + mems
        + "\n";
  }

  private static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
