package io.migratepages.engine;

import java.util.Optional;

/**
 * Re-checks a process after the engine has pinned it with a pidfd and before any page moves. The
 * node agent checks the PID's cgroup here; the CLI accepts every process.
 */
@FunctionalInterface
public interface ProcessVerifier {

  /** Empty to go ahead; otherwise why this PID must not be touched (one line). */
  Optional<String> rejectionReason(int pid);

  static ProcessVerifier acceptAll() {
    return pid -> Optional.empty();
  }
}
