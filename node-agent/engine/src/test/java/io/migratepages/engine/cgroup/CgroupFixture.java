package io.migratepages.engine.cgroup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Builds a fake {@code /sys/fs/cgroup} and {@code /proc} in a temp dir. Paths are given literally
 * (relative to each hierarchy root), so the tests spell out the kubelet's naming independently of
 * the code under test. Every directory is created in every hierarchy, as on a real host; {@code
 * /proc/<pid>/cgroup} gets one line per hierarchy.
 */
final class CgroupFixture {
  /** A hierarchy directory (relative to the cgroup root) and its /proc/<pid>/cgroup line prefix. */
  private record Hierarchy(String directory, String procLinePrefix) {}

  private static final List<Hierarchy> V1 =
      List.of(
          new Hierarchy("memory", "12:memory:"),
          new Hierarchy("pids", "11:pids:"),
          new Hierarchy("cpuset", "10:cpuset:"),
          new Hierarchy("cpu,cpuacct", "9:cpu,cpuacct:"),
          new Hierarchy("systemd", "1:name=systemd:"));

  final Path cgroupRoot;
  final Path procRoot;
  final CgroupVersion version;
  private final List<Hierarchy> hierarchies;

  private CgroupFixture(Path base, CgroupVersion version) {
    this.cgroupRoot = base.resolve("sys/fs/cgroup");
    this.procRoot = base.resolve("proc");
    this.version = version;
    List<Hierarchy> list = new ArrayList<>();
    switch (version) {
      case V2 -> list.add(new Hierarchy("", "0::"));
      case V1 -> list.addAll(V1);
      case HYBRID -> {
        list.addAll(V1);
        list.add(new Hierarchy("unified", "0::"));
      }
    }
    this.hierarchies = list;
    mkdirs(procRoot);
    for (Hierarchy h : hierarchies) {
      mkdirs(cgroupRoot.resolve(h.directory));
      if (h.procLinePrefix.equals("0::")) {
        write(
            cgroupRoot.resolve(h.directory).resolve("cgroup.controllers"),
            "cpuset cpu io memory pids\n");
      }
    }
  }

  static CgroupFixture create(Path base, CgroupVersion version) {
    return new CgroupFixture(base, version);
  }

  CgroupResolver resolver() {
    return new CgroupResolver(cgroupRoot, procRoot);
  }

  /** Creates {@code relative} in every hierarchy. */
  CgroupFixture dir(String relative) {
    for (Hierarchy h : hierarchies) {
      mkdirs(hierarchyRoot(h).resolve(relative));
    }
    return this;
  }

  /** Lists pids in {@code relative}'s cgroup.procs and points their /proc/<pid>/cgroup at it. */
  CgroupFixture procs(String relative, int... pids) {
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
  CgroupFixture rawProcs(String relative, String content) {
    return file(relative, "cgroup.procs", content.isEmpty() ? "" : content + "\n");
  }

  /** Writes {@code relative/name} in every hierarchy. */
  CgroupFixture file(String relative, String name, String content) {
    dir(relative);
    for (Hierarchy h : hierarchies) {
      write(hierarchyRoot(h).resolve(relative).resolve(name), content);
    }
    return this;
  }

  /** Writes cgroup.procs in one hierarchy only (e.g. "pids"), and /proc entries for every line. */
  CgroupFixture procsInOnly(String hierarchyDirectory, String relative, int... pids) {
    Path dir = cgroupRoot.resolve(hierarchyDirectory).resolve(relative);
    mkdirs(dir);
    write(
        dir.resolve("cgroup.procs"),
        Arrays.stream(pids).mapToObj(p -> p + "\n").collect(Collectors.joining()));
    for (int pid : pids) {
      procCgroup(pid, "/" + relative);
    }
    return this;
  }

  /** {@code /proc/<pid>/cgroup} with the same path on every hierarchy's line. */
  CgroupFixture procCgroup(int pid, String path) {
    return procCgroupFile(
        pid,
        hierarchies.stream()
            .map(h -> h.procLinePrefix + path + "\n")
            .collect(Collectors.joining()));
  }

  /** {@code /proc/<pid>/cgroup} verbatim. */
  CgroupFixture procCgroupFile(int pid, String content) {
    Path dir = procRoot.resolve(Integer.toString(pid));
    mkdirs(dir);
    write(dir.resolve("cgroup"), content);
    return this;
  }

  /** Unrelated cgroups a real host has: system services, user sessions. */
  CgroupFixture hostNoise() {
    procs("system.slice/containerd.service", 300);
    procs("system.slice/kubelet.service", 301);
    procs("user.slice/user-1000.slice/session-1.scope", 302);
    dir("init.scope");
    dir("sys-kernel-debug.mount");
    return this;
  }

  Path path(String hierarchyDirectory, String relative) {
    return cgroupRoot.resolve(hierarchyDirectory).resolve(relative);
  }

  private Path hierarchyRoot(Hierarchy h) {
    return cgroupRoot.resolve(h.directory);
  }

  private static void mkdirs(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, String content) {
    try {
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
