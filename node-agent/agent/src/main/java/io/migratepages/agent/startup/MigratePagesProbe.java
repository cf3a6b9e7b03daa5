package io.migratepages.agent.startup;

import java.util.Optional;

/**
 * Calls migrate_pages(2) for real, on the agent itself with empty node masks (moves nothing), to
 * learn whether a seccomp profile or the kernel blocks it.
 */
@FunctionalInterface
public interface MigratePagesProbe {

  /** Empty when the call reached the kernel's migrate_pages; otherwise what blocks it. */
  Optional<String> blocked();
}
