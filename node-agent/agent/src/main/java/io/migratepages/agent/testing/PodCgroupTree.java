package io.migratepages.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A fake host cgroup v2 tree with the systemd driver and containerd (DESIGN §5), and the matching
 * {@code /proc/<pid>/cgroup} files: what the agent reads to find a pod's processes. Paths are
 * spelled out literally so that tests do not depend on the resolver's own naming code.
 */
public final class PodCgroupTree {
  private final Path cgroupRoot;
  private final Path procRoot;

  public PodCgroupTree(Path base) {
    this.cgroupRoot = base.resolve("sys/fs/cgroup");
    this.procRoot = base.resolve("proc");
    write(cgroupRoot.resolve("cgroup.controllers"), "cpuset cpu io memory pids\n");
    write(cgroupRoot.resolve("init.scope/cgroup.procs"), "1\n");
    mkdirs(cgroupRoot.resolve("kubepods.slice/kubepods-burstable.slice"));
    mkdirs(cgroupRoot.resolve("kubepods.slice/kubepods-besteffort.slice"));
    mkdirs(procRoot);
  }

  public Path cgroupRoot() {
    return cgroupRoot;
  }

  public Path procRoot() {
    return procRoot;
  }

  /** A 64-hex containerd ID made from a short tag, e.g. {@code id("db")}. */
  public static String id(String tag) {
    StringBuilder hex = new StringBuilder();
    for (char c : tag.toCharArray()) {
      hex.append(String.format("%02x", (int) c));
    }
    while (hex.length() < 64) {
      hex.append('0');
    }
    return hex.substring(0, 64);
  }

  /** The pod's container: {@code containerd://<id>}. */
  public static String containerdId(String tag) {
    return "containerd://" + id(tag);
  }

  /**
   * Puts {@code pids} into the container's cgroup: {@code cgroup.procs} lists them and each {@code
   * /proc/<pid>/cgroup} points there.
   */
  public PodCgroupTree container(String podUid, String qosClass, String containerTag, int... pids) {
    String relative =
        podDirectory(podUid, qosClass) + "/cri-containerd-" + id(containerTag) + ".scope";
    Path dir = cgroupRoot.resolve(relative);
    write(
        dir.resolve("cgroup.procs"),
        Arrays.stream(pids).mapToObj(p -> p + "\n").collect(Collectors.joining()));
    for (int pid : pids) {
      write(procRoot.resolve(pid + "/cgroup"), "0::/" + relative + "\n");
    }
    return this;
  }

  private static String podDirectory(String uid, String qosClass) {
    String u = uid.replace('-', '_');
    return switch (qosClass) {
      case "Guaranteed" -> "kubepods.slice/kubepods-pod" + u + ".slice";
      case "Burstable" ->
          "kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod" + u + ".slice";
      case "BestEffort" ->
          "kubepods.slice/kubepods-besteffort.slice/kubepods-besteffort-pod" + u + ".slice";
      default -> throw new IllegalArgumentException("QoS class " + qosClass);
    };
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
}
