package io.migratepages.engine.host;

import io.migratepages.numanodes.NumaNodeSet;

/**
 * What the kernel will hold against the process that calls migrate_pages (this JVM).
 *
 * @param memsAllowed our own cpuset's memory nodes: the kernel silently drops destinations outside
 *     it, and fails with EINVAL when none is left
 * @param effectiveCapabilities CapEff from /proc/self/status
 * @param seccompMode 0 none, 1 strict, 2 filter (a container runtime's profile)
 * @param hostPidNamespace we see the host's PIDs (kthreadd is PID 2 only in the initial namespace)
 * @param inContainer a container runtime marked our root ({@code /.dockerenv}, {@code
 *     /run/.containerenv}) or our PID namespace is not the host's
 */
public record CallerProcess(
    NumaNodeSet memsAllowed,
    long effectiveCapabilities,
    int seccompMode,
    boolean hostPidNamespace,
    boolean inContainer) {

  public static final int CAP_SYS_PTRACE = 19;
  public static final int CAP_SYS_NICE = 23;

  public boolean hasCapability(int capability) {
    return (effectiveCapabilities & (1L << capability)) != 0;
  }

  public boolean seccompFiltered() {
    return seccompMode != 0;
  }
}
