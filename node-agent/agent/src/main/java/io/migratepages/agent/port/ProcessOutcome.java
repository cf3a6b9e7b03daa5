package io.migratepages.agent.port;

import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/** What happened to one process. */
public sealed interface ProcessOutcome {

  int pid();

  /**
   * The pages moved (migrate_pages, or move_pages in bounded mode).
   *
   * @param bytesBefore bytes per NUMA node before, from numa_maps
   * @param bytesAfter bytes per NUMA node after
   * @param afterKnown false when numa_maps could not be read after the move: then nothing is
   *     counted as moved
   * @param pagesNotMoved migrate_pages' return value
   * @param elapsedNanos duration of the migrate_pages call
   * @param warnings things the user should know (numa_balancing on, no pidfd, ...)
   * @param calls the mode, the moving calls and their longest, the pages not moved by reason
   */
  record Moved(
      int pid,
      SortedMap<Integer, Long> bytesBefore,
      SortedMap<Integer, Long> bytesAfter,
      boolean afterKnown,
      long pagesNotMoved,
      long elapsedNanos,
      List<String> warnings,
      MoveCalls calls)
      implements ProcessOutcome {
    public Moved {
      bytesBefore = Collections.unmodifiableSortedMap(new TreeMap<>(bytesBefore));
      bytesAfter = Collections.unmodifiableSortedMap(new TreeMap<>(bytesAfter));
      warnings = List.copyOf(warnings);
      Objects.requireNonNull(calls, "calls");
    }

    /** One migrate_pages call (the whole path). */
    public Moved(
        int pid,
        SortedMap<Integer, Long> bytesBefore,
        SortedMap<Integer, Long> bytesAfter,
        boolean afterKnown,
        long pagesNotMoved,
        long elapsedNanos,
        List<String> warnings) {
      this(
          pid,
          bytesBefore,
          bytesAfter,
          afterKnown,
          pagesNotMoved,
          elapsedNanos,
          warnings,
          MoveCalls.whole(elapsedNanos, pagesNotMoved));
    }

    public Moved(
        int pid,
        SortedMap<Integer, Long> bytesBefore,
        SortedMap<Integer, Long> bytesAfter,
        long pagesNotMoved,
        long elapsedNanos,
        List<String> warnings) {
      this(pid, bytesBefore, bytesAfter, true, pagesNotMoved, elapsedNanos, warnings);
    }

    /** Bytes that left their nodes: the sum over nodes of max(0, before - after). */
    public long bytesMoved() {
      if (!afterKnown) {
        return 0;
      }
      long moved = 0;
      for (var entry : bytesBefore.entrySet()) {
        long after = bytesAfter.getOrDefault(entry.getKey(), 0L);
        moved += Math.max(0, entry.getValue() - after);
      }
      return moved;
    }
  }

  /**
   * The process exited (or its PID stopped being the container's) before or while its pages moved.
   * Not a failure: there is nothing left to move.
   */
  record Exited(int pid, String message) implements ProcessOutcome {}

  /**
   * Nothing of the process had to move: with toNodes {@code local}, every NUMA node with memory
   * that fromNodes names is local to it (its CPUs span them all). Not a failure; {@code message}
   * says what {@code local} resolved to.
   */
  record NothingToMove(int pid, String message) implements ProcessOutcome {}

  /** The migration of this process failed; {@code message} says why and what to do. */
  record Failed(int pid, String message) implements ProcessOutcome {}
}
