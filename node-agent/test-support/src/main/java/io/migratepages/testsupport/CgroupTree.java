package io.migratepages.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A fake {@code /sys/fs/cgroup} and {@code /proc} in a temp dir, in a cgroup v1, v2 or hybrid
 * layout. Every directory is created in every hierarchy, as on a real host, and {@code
 * /proc/<pid>/cgroup} gets one line per hierarchy.
 *
 * <p>Two ways to fill it: literal paths relative to each hierarchy root ({@link #procs}, {@link
 * #dir}, ...), for tests of the resolver's own naming rules; or the kubelet's naming for pods and
 * containerd containers ({@link #kubelet}, {@link #container}, {@link #removePod}), spelled out
 * here literally, independently of the resolver's own naming code.
 */
public final class CgroupTree {
  /** The host's cgroup mode. */
  public enum Version {
    V1,
    V2,
    HYBRID
  }

  /** How the kubelet names the cgroups of a node. */
  public enum Driver {
    SYSTEMD,
    CGROUPFS
  }

  /** A hierarchy directory (relative to the cgroup root) and its /proc/<pid>/cgroup line prefix. */
  private record Hierarchy(String directory, String procLinePrefix) {}

  private static final List<Hierarchy> V1_HIERARCHIES =
      List.of(
          new Hierarchy("memory", "12:memory:"),
          new Hierarchy("pids", "11:pids:"),
          new Hierarchy("cpuset", "10:cpuset:"),
          new Hierarchy("cpu,cpuacct", "9:cpu,cpuacct:"),
          new Hierarchy("systemd", "1:name=systemd:"));

  private static final String UNIFIED_PREFIX = "0::";

  private final Path cgroupRoot;
  private final Path procRoot;
  private final Version version;
  private final List<Hierarchy> hierarchies;
  private Driver driver;

  private CgroupTree(Path base, Version version) {
    this.cgroupRoot = base.resolve("sys/fs/cgroup");
    this.procRoot = base.resolve("proc");
    this.version = version;
    List<Hierarchy> list = new ArrayList<>();
    switch (version) {
      case V2 -> list.add(new Hierarchy("", UNIFIED_PREFIX));
      case V1 -> list.addAll(V1_HIERARCHIES);
      case HYBRID -> {
        list.addAll(V1_HIERARCHIES);
        list.add(new Hierarchy("unified", UNIFIED_PREFIX));
      }
    }
    this.hierarchies = List.copyOf(list);
    mkdirs(procRoot);
    for (Hierarchy h : hierarchies) {
      mkdirs(hierarchyRoot(h));
      if (h.procLinePrefix().equals(UNIFIED_PREFIX)) {
        write(hierarchyRoot(h).resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
      }
    }
  }

  /** An empty tree: only the hierarchy roots (and cgroup.controllers on a unified one). */
  public static CgroupTree create(Path base, Version version) {
    return new CgroupTree(base, version);
  }

  /** A cgroup v2 node as the kubelet leaves it with {@code driver}, with no pods yet. */
  public static CgroupTree kubelet(Path base, Driver driver) {
    return kubelet(base, Version.V2, driver);
  }

  /**
   * A node as the kubelet leaves it with {@code driver}, with no pods yet: the kubepods root and
   * its QoS parents, and systemd's init.scope holding PID 1.
   */
  public static CgroupTree kubelet(Path base, Version version, Driver driver) {
    CgroupTree tree = create(base, version);
    tree.driver = driver;
    tree.rawProcs("init.scope", "1");
    tree.dir(qosParent("Burstable", driver)).dir(qosParent("BestEffort", driver));
    return tree;
  }

  public Path cgroupRoot() {
    return cgroupRoot;
  }

  public Path procRoot() {
    return procRoot;
  }

  public Version version() {
    return version;
  }

  /** A 64-hex containerd ID made from a short tag, e.g. {@code containerId("db")}. */
  public static String containerId(String tag) {
    StringBuilder hex = new StringBuilder();
    for (char c : tag.toCharArray()) {
      hex.append(String.format("%02x", (int) c));
    }
    while (hex.length() < 64) {
      hex.append('0');
    }
    return hex.substring(0, 64);
  }

  /** The container ID a pod's status shows: {@code containerd://<containerId(tag)>}. */
  public static String containerdId(String tag) {
    return "containerd://" + containerId(tag);
  }

  /**
   * Puts {@code pids} into the cgroup of containerd container {@code containerId} (64 hex) of the
   * pod: its {@code cgroup.procs} lists them and each {@code /proc/<pid>/cgroup} points there.
   */
  public synchronized CgroupTree container(
      String podUid, String qosClass, String containerId, int... pids) {
    return procs(podDirectory(podUid, qosClass) + "/" + containerDirectory(containerId), pids);
  }

  /**
   * Writes {@code cpuset.cpus.effective} ({@code cpus} in list form, e.g. "0-3") into the
   * container's directory of the unified hierarchy, as the kernel shows a container's CPUs on
   * cgroup v2 (v1 has no such file there: the reader then asks the process).
   */
  public synchronized CgroupTree containerCpus(
      String podUid, String qosClass, String containerId, String cpus) {
    Hierarchy unified =
        hierarchies.stream()
            .filter(h -> h.procLinePrefix().equals(UNIFIED_PREFIX))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("cgroup v1 has no cpuset.cpus.effective"));
    write(
        hierarchyRoot(unified)
            .resolve(podDirectory(podUid, qosClass) + "/" + containerDirectory(containerId))
            .resolve("cpuset.cpus.effective"),
        cpus + "\n");
    return this;
  }

  /** The pod is gone from the node: its cgroup directories and its processes disappear. */
  public synchronized CgroupTree removePod(String podUid, String qosClass, int... pids) {
    String pod = podDirectory(podUid, qosClass);
    for (Hierarchy h : hierarchies) {
      deleteTree(hierarchyRoot(h).resolve(pod));
    }
    for (int pid : pids) {
      deleteTree(procRoot.resolve(Integer.toString(pid)));
    }
    return this;
  }

  /** Creates {@code relative} in every hierarchy. */
  public CgroupTree dir(String relative) {
    for (Hierarchy h : hierarchies) {
      mkdirs(hierarchyRoot(h).resolve(relative));
    }
    return this;
  }

  /** Lists pids in {@code relative}'s cgroup.procs and points their /proc/<pid>/cgroup at it. */
  public CgroupTree procs(String relative, int... pids) {
    rawProcs(
        relative,
        Arrays.stream(pids).mapToObj(Integer::toString).collect(Collectors.joining("\n")));
    for (int pid : pids) {
      if (pid > 0) {
        procCgroup(pid, "/" + relative);
      }
    }
    return this;
  }

  /** Writes cgroup.procs verbatim in every hierarchy, without touching /proc. */
  public CgroupTree rawProcs(String relative, String content) {
    return file(relative, "cgroup.procs", content.isEmpty() ? "" : content + "\n");
  }

  /** Writes {@code relative/name} in every hierarchy. */
  public CgroupTree file(String relative, String name, String content) {
    dir(relative);
    for (Hierarchy h : hierarchies) {
      write(hierarchyRoot(h).resolve(relative).resolve(name), content);
    }
    return this;
  }

  /** Writes cgroup.procs in one hierarchy only (e.g. "pids"), and /proc entries for every line. */
  public CgroupTree procsInOnly(String hierarchyDirectory, String relative, int... pids) {
    Path dir = cgroupRoot.resolve(hierarchyDirectory).resolve(relative);
    write(
        dir.resolve("cgroup.procs"),
        Arrays.stream(pids).mapToObj(p -> p + "\n").collect(Collectors.joining()));
    for (int pid : pids) {
      procCgroup(pid, "/" + relative);
    }
    return this;
  }

  /** {@code /proc/<pid>/cgroup} with the same path on every hierarchy's line. */
  public CgroupTree procCgroup(int pid, String path) {
    return procCgroupFile(
        pid,
        hierarchies.stream()
            .map(h -> h.procLinePrefix() + path + "\n")
            .collect(Collectors.joining()));
  }

  /** {@code /proc/<pid>/cgroup} verbatim. */
  public CgroupTree procCgroupFile(int pid, String content) {
    write(procRoot.resolve(Integer.toString(pid)).resolve("cgroup"), content);
    return this;
  }

  /** Unrelated cgroups a real host has: system services, user sessions. */
  public CgroupTree hostNoise() {
    procs("system.slice/containerd.service", 300);
    procs("system.slice/kubelet.service", 301);
    procs("user.slice/user-1000.slice/session-1.scope", 302);
    dir("init.scope");
    dir("sys-kernel-debug.mount");
    return this;
  }

  /** {@code relative} in one hierarchy, e.g. {@code path("memory", "kubepods.slice")}. */
  public Path path(String hierarchyDirectory, String relative) {
    return cgroupRoot.resolve(hierarchyDirectory).resolve(relative);
  }

  private String podDirectory(String uid, String qosClass) {
    if (driver == null) {
      throw new IllegalStateException(
          "pods need the kubelet's naming: make the tree with CgroupTree.kubelet(base, driver)");
    }
    String qos = qos(qosClass);
    if (driver == Driver.CGROUPFS) {
      return "Guaranteed".equals(qosClass)
          ? "kubepods/pod" + uid
          : qosParent(qosClass, driver) + "/pod" + uid;
    }
    String u = uid.replace('-', '_');
    return "Guaranteed".equals(qosClass)
        ? "kubepods.slice/kubepods-pod" + u + ".slice"
        : qosParent(qosClass, driver) + "/kubepods-" + qos + "-pod" + u + ".slice";
  }

  private static String qosParent(String qosClass, Driver driver) {
    String qos = qos(qosClass);
    return driver == Driver.SYSTEMD
        ? "kubepods.slice/kubepods-" + qos + ".slice"
        : "kubepods/" + qos;
  }

  private static String qos(String qosClass) {
    return switch (qosClass) {
      case "Guaranteed", "Burstable", "BestEffort" -> qosClass.toLowerCase(Locale.ROOT);
      default ->
          throw new IllegalArgumentException(
              "qosClass " + qosClass + ": expected Guaranteed, Burstable or BestEffort");
    };
  }

  private String containerDirectory(String containerId) {
    return driver == Driver.SYSTEMD ? "cri-containerd-" + containerId + ".scope" : containerId;
  }

  private Path hierarchyRoot(Hierarchy h) {
    return cgroupRoot.resolve(h.directory());
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    mkdirs(file.getParent());
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
