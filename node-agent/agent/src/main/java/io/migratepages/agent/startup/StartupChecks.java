package io.migratepages.agent.startup;

import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What the agent checks about itself at start (docs/security.md): it sees the host's PIDs, holds
 * CAP_SYS_NICE and CAP_SYS_PTRACE, may call migrate_pages, and its own cpuset covers every node
 * with memory. Reads only the given {@code /proc} and {@code /sys} trees, so fixtures can stand in.
 */
public final class StartupChecks {
  static final int CAP_SYS_PTRACE = 19;
  static final int CAP_SYS_NICE = 23;

  private final Path proc;
  private final Path sys;
  private final MigratePagesProbe probe;
  private final long ownPid;

  /** Checks this JVM. */
  public StartupChecks(Path procRoot, Path sysRoot, MigratePagesProbe probe) {
    this(procRoot, sysRoot, probe, ProcessHandle.current().pid());
  }

  /**
   * @param ownPid the agent's PID in its own namespace (getpid); fixtures give their {@code self}
   */
  public StartupChecks(Path procRoot, Path sysRoot, MigratePagesProbe probe, long ownPid) {
    this.proc = procRoot;
    this.sys = sysRoot;
    this.probe = probe;
    this.ownPid = ownPid;
  }

  public AgentCapabilities run() {
    Optional<ProcStatus> self = readSelfStatus();
    return new AgentCapabilities(
        List.of(hostPid(), capabilities(self), seccomp(self), cpuset(self)));
  }

  /**
   * The kernel looks PIDs up in the caller's PID namespace, so the agent must live in the host's
   * (hostPID: true). First, the {@code /proc} we read must belong to our own PID namespace (its
   * {@code self} is our own PID; this is what comparing {@code self/ns/pid} with {@code 1/ns/pid}
   * would tell, without needing ptrace access to PID 1). Then PID 1 of that namespace must not be
   * our own container's init or a pod's pause process: kthreadd (PID 2 with parent 0) proves the
   * host's namespace; without it (a node that is itself a container, e.g. kind) PID 1 must sit
   * outside every pod's cgroup.
   */
  CheckResult hostPid() {
    String name = "hostPID";
    try {
      long selfPid = Long.parseLong(Files.readSymbolicLink(proc.resolve("self")).toString());
      if (selfPid != ownPid) {
        return CheckResult.fail(
            name,
            proc
                + " belongs to another PID namespace than the agent (it names the agent PID "
                + selfPid
                + ", the agent is PID "
                + ownPid
                + "): PIDs read there mean nothing to migrate_pages; set hostPID: true instead of"
                + " mounting the host's /proc");
      }
      if (selfPid == 1) {
        return CheckResult.fail(
            name, "the agent is PID 1 of its own PID namespace; set hostPID: true on the pod");
      }
      if (isKthreadd(proc.resolve("2/status"))) {
        return CheckResult.pass(name, "sees the host's kernel threads (PID 2 is kthreadd)");
      }
      String initCgroup = Files.readString(proc.resolve("1/cgroup")).strip();
      if (initCgroup.equals(Files.readString(proc.resolve("self/cgroup")).strip())) {
        return CheckResult.fail(
            name,
            "PID 1 is our own container's init (same cgroup as the agent); set hostPID: true on"
                + " the pod");
      }
      if (initCgroup.contains("kubepods")) {
        return CheckResult.fail(
            name,
            "PID 1 is a process of a pod (cgroup "
                + firstPath(initCgroup)
                + "), e.g. the pause process of a shared process namespace; set hostPID: true");
      }
      return CheckResult.pass(
          name, "PID 1 is outside every pod (cgroup " + firstPath(initCgroup) + ")");
    } catch (IOException | RuntimeException e) {
      return CheckResult.fail(name, "cannot tell whether the agent sees the host's PIDs: " + e);
    }
  }

  CheckResult capabilities(Optional<ProcStatus> self) {
    String name = "capabilities";
    Optional<String> capEff = self.flatMap(s -> s.field("CapEff"));
    if (capEff.isEmpty()) {
      return CheckResult.fail(name, "no CapEff line in " + proc.resolve("self/status"));
    }
    long bits;
    try {
      bits = Long.parseUnsignedLong(capEff.get(), 16);
    } catch (NumberFormatException e) {
      return CheckResult.fail(name, "CapEff \"" + capEff.get() + "\" is not hexadecimal");
    }
    boolean nice = (bits & (1L << CAP_SYS_NICE)) != 0;
    boolean ptrace = (bits & (1L << CAP_SYS_PTRACE)) != 0;
    if (nice && ptrace) {
      return CheckResult.pass(name, "CAP_SYS_NICE and CAP_SYS_PTRACE are effective");
    }
    String missing =
        (nice ? "" : "CAP_SYS_NICE (moves shared pages and pages of other cpusets)")
            + (nice || ptrace ? "" : " and ")
            + (ptrace ? "" : "CAP_SYS_PTRACE (needed for other users' processes)");
    return CheckResult.fail(
        name,
        "missing "
            + missing
            + "; add them under securityContext.capabilities.add (CapEff "
            + capEff.get()
            + ")");
  }

  /** The Seccomp field tells whether a filter is installed; only calling tells what it allows. */
  CheckResult seccomp(Optional<ProcStatus> self) {
    String name = "seccomp";
    String mode =
        self.flatMap(s -> s.field("Seccomp"))
            .map(
                m ->
                    switch (m) {
                      case "0" -> "no seccomp filter";
                      case "1" -> "seccomp strict mode";
                      case "2" -> "a seccomp filter";
                      default -> "seccomp mode " + m;
                    })
            .orElse("seccomp mode unknown");
    Optional<String> blocked;
    try {
      blocked = probe.blocked();
    } catch (RuntimeException | LinkageError e) {
      blocked = Optional.of("migrate_pages could not be called: " + e);
    }
    if (blocked.isPresent()) {
      return CheckResult.fail(
          name,
          mode
              + "; "
              + blocked.get()
              + "; run the agent with seccompProfile type Unconfined, or a Localhost profile that"
              + " allows migrate_pages, move_pages and pidfd_open");
    }
    return CheckResult.pass(name, mode + "; migrate_pages reaches the kernel");
  }

  /** The kernel silently drops destinations outside the caller's own cpuset. */
  CheckResult cpuset(Optional<ProcStatus> self) {
    String name = "cpuset";
    NumaNodeSet hostMemory;
    Path nodeDir = sys.resolve("devices/system/node");
    try {
      hostMemory = NumaNodeUniverse.readFrom(nodeDir).memoryNodes();
    } catch (IOException | RuntimeException e) {
      return CheckResult.fail(
          name, "cannot read the host's NUMA nodes from " + nodeDir + " (" + e.getMessage() + ")");
    }
    Optional<String> memsAllowed = self.flatMap(s -> s.field("Mems_allowed_list"));
    if (memsAllowed.isEmpty()) {
      return CheckResult.fail(name, "no Mems_allowed_list line in " + proc.resolve("self/status"));
    }
    NumaNodeSet allowed;
    try {
      allowed = NumaNodeSet.parseList(memsAllowed.get());
    } catch (IllegalArgumentException e) {
      return CheckResult.fail(name, "Mems_allowed_list: " + e.getMessage());
    }
    NumaNodeSet outside = hostMemory.minus(allowed);
    if (outside.isEmpty()) {
      return CheckResult.pass(
          name,
          "own cpuset allows memory nodes "
              + allowed.describe()
              + ", covering the host's nodes with memory "
              + hostMemory.describe());
    }
    return CheckResult.fail(
        name,
        "own cpuset allows memory nodes "
            + allowed.describe()
            + " but the host has memory on "
            + hostMemory.describe()
            + ": pages could never move to "
            + outside.describe()
            + "; do not pin the agent to NUMA nodes (no Guaranteed QoS under the static CPU or"
            + " memory manager)");
  }

  private Optional<ProcStatus> readSelfStatus() {
    try {
      return Optional.of(ProcStatus.read(proc.resolve("self/status")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static boolean isKthreadd(Path status) {
    try {
      ProcStatus s = ProcStatus.read(status);
      return s.field("Name").filter("kthreadd"::equals).isPresent()
          && s.field("PPid").filter("0"::equals).isPresent();
    } catch (IOException e) {
      return false;
    }
  }

  /** The path of the first line of a /proc/<pid>/cgroup file ({@code 0::/init.scope}). */
  private static String firstPath(String cgroupFile) {
    String first = cgroupFile.lines().findFirst().orElse("");
    int colon = first.indexOf(':', first.indexOf(':') + 1);
    return colon >= 0 ? first.substring(colon + 1) : first;
  }
}
