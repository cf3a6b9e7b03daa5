package io.migratepages.agent.port;

/** The host's NUMA topology cannot be read (no NUMA support in the kernel, sysfs not mounted). */
public class HostTopologyException extends RuntimeException {
  public HostTopologyException(String message, Throwable cause) {
    super(message, cause);
  }
}
