package io.migratepages.agent.port;

import io.migratepages.engine.MoveMode;
import io.migratepages.engine.bounded.NotMovedReasons;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a process's pages moved: the mode, the moving syscalls made, the longest of them (the longest
 * the process was held at once) and the pages not moved by errno name.
 */
public record MoveCalls(
    MoveMode mode, long calls, long longestCallNanos, SortedMap<String, Long> notMovedByReason) {
  public MoveCalls {
    notMovedByReason = Collections.unmodifiableSortedMap(new TreeMap<>(notMovedByReason));
  }

  /**
   * One migrate_pages call of {@code elapsedNanos}; the kernel gives no reasons, so pages it could
   * not move count as {@link NotMovedReasons#NOT_MIGRATED}.
   */
  public static MoveCalls whole(long elapsedNanos, long pagesNotMoved) {
    return new MoveCalls(
        MoveMode.WHOLE,
        1,
        elapsedNanos,
        pagesNotMoved > 0
            ? new TreeMap<>(Map.of(NotMovedReasons.NOT_MIGRATED, pagesNotMoved))
            : new TreeMap<>());
  }
}
