package io.migratepages.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * One simulated node's cgroup v2 tree and {@code /proc}, in a temp dir: what the agent's real
 * cgroup resolver reads to find a pod's processes. The kubelet's naming (DESIGN §5) is spelled out
 * here literally, independently of the resolver's own code, for both cgroup drivers with
 * containerd.
 */
public final class NodeCgroupTree {
  /** How the kubelet names the cgroups of this node. */
  public enum Driver {
    SYSTEMD,
    CGROUPFS
  }

  private final Path cgroupRoot;
  private final Path procRoot;
  private final Driver driver;

  public NodeCgroupTree(Path base, Driver driver) {
    this.cgroupRoot = base.resolve("sys/fs/cgroup");
    this.procRoot = base.resolve("proc");
    this.driver = driver;
    write(cgroupRoot.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    write(cgroupRoot.resolve("init.scope/cgroup.procs"), "1\n");
    String pods = driver == Driver.SYSTEMD ? "kubepods.slice" : "kubepods";
    mkdirs(cgroupRoot.resolve(pods));
    mkdirs(procRoot);
  }

  public Path cgroupRoot() {
    return cgroupRoot;
  }

  public Path procRoot() {
    return procRoot;
  }

  /**
   * Puts {@code pids} into the cgroup of container {@code containerId} (64 hex) of the pod: its
   * {@code cgroup.procs} lists them and each {@code /proc/<pid>/cgroup} points there.
   */
  public synchronized void addContainer(
      String podUid, String qosClass, String containerId, List<Integer> pids) {
    String relative = podDirectory(podUid, qosClass) + "/" + containerDirectory(containerId);
    write(
        cgroupRoot.resolve(relative).resolve("cgroup.procs"),
        pids.stream().map(p -> p + "\n").collect(Collectors.joining()));
    for (int pid : pids) {
      write(procRoot.resolve(pid + "/cgroup"), "0::/" + relative + "\n");
    }
  }

  /** The pod is gone from the node: its cgroup directory and its processes disappear. */
  public synchronized void removePod(String podUid, String qosClass, List<Integer> pids) {
    deleteTree(cgroupRoot.resolve(podDirectory(podUid, qosClass)));
    pids.forEach(pid -> deleteTree(procRoot.resolve(Integer.toString(pid))));
  }

  private String podDirectory(String uid, String qosClass) {
    String qos = qosClass.toLowerCase(java.util.Locale.ROOT);
    if (driver == Driver.CGROUPFS) {
      return "Guaranteed".equals(qosClass)
          ? "kubepods/pod" + uid
          : "kubepods/" + qos + "/pod" + uid;
    }
    String u = uid.replace('-', '_');
    return "Guaranteed".equals(qosClass)
        ? "kubepods.slice/kubepods-pod" + u + ".slice"
        : "kubepods.slice/kubepods-" + qos + ".slice/kubepods-" + qos + "-pod" + u + ".slice";
  }

  private String containerDirectory(String containerId) {
    return driver == Driver.SYSTEMD ? "cri-containerd-" + containerId + ".scope" : containerId;
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
