package io.migratepages.agent.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A fake {@code /proc} and {@code /sys} as the agent sees them, for the start-up checks. */
public final class ProcFixture {
  public static final long ALL_CAPS = 0x000001ffffffffffL;

  public final Path proc;
  public final Path sys;
  private long selfPid;

  public ProcFixture(Path root) {
    this.proc = root.resolve("proc");
    this.sys = root.resolve("sys");
  }

  /** The agent as PID 4242 in the host's PID namespace, PID 1 systemd, PID 2 kthreadd. */
  public static ProcFixture healthyHost(Path root) {
    ProcFixture f = new ProcFixture(root);
    f.self(4242, "0::/kubepods.slice/kubepods-burstable.slice/x/cri-containerd-a.scope");
    f.process(1, "systemd", 0, "0::/init.scope");
    f.process(2, "kthreadd", 0, "0::/");
    f.status(ALL_CAPS, 2, "0-1");
    f.nodes("0-1", "0-1");
    return f;
  }

  /** The agent's own PID, as {@code proc/self} names it. */
  public long selfPid() {
    return selfPid;
  }

  public ProcFixture self(int pid, String cgroup) {
    selfPid = pid;
    try {
      Files.createDirectories(proc);
      Files.deleteIfExists(proc.resolve("self"));
      Files.createSymbolicLink(proc.resolve("self"), Path.of(Integer.toString(pid)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return process(pid, "java", 1, cgroup);
  }

  public ProcFixture process(int pid, String name, int ppid, String cgroup) {
    Path dir = proc.resolve(Integer.toString(pid));
    write(dir.resolve("status"), "Name:\t" + name + "\nPid:\t" + pid + "\nPPid:\t" + ppid + "\n");
    write(dir.resolve("cgroup"), cgroup + "\n");
    return this;
  }

  public ProcFixture removeProcess(int pid) {
    try (var files = Files.walk(proc.resolve(Integer.toString(pid)))) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Rewrites the agent's own status file (proc/self/status). */
  public ProcFixture status(long capEff, int seccomp, String memsAllowed) {
    write(
        proc.resolve("self/status"),
        "Name:\tjava\nPid:\t4242\nPPid:\t1\nCapEff:\t"
            + String.format("%016x", capEff)
            + "\nSeccomp:\t"
            + seccomp
            + "\nMems_allowed_list:\t"
            + memsAllowed
            + "\n");
    return this;
  }

  public ProcFixture nodes(String online, String hasMemory) {
    Path dir = sys.resolve("devices/system/node");
    write(dir.resolve("online"), online + "\n");
    write(dir.resolve("has_memory"), hasMemory + "\n");
    return this;
  }

  public static void write(Path file, String content) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
