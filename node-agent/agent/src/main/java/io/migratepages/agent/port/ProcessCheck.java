package io.migratepages.agent.port;

import java.util.Optional;

/**
 * Re-checks, right before its pages move, that a PID still is the container's process (it may have
 * exited and its number been handed to someone else since the cgroup was read).
 */
@FunctionalInterface
public interface ProcessCheck {

  /** Empty to go ahead; otherwise why this PID must not be touched (one line). */
  Optional<String> rejectionReason(int pid);
}
