package io.migratepages.agent.status;

import io.migratepages.agent.port.ProcessOutcome;
import io.migratepages.agent.port.ProcessOutcome.Exited;
import io.migratepages.agent.port.ProcessOutcome.Failed;
import io.migratepages.agent.port.ProcessOutcome.Moved;
import io.migratepages.agent.port.ProcessOutcome.NothingToMove;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.format.Plurals;
import io.migratepages.api.v1alpha1.ContainerMigrationStatus;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.engine.MoveMode;
import io.migratepages.engine.local.TargetNodes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Turns one pod's per-process outcomes into its {@link PodMigrationStatus}: container totals (over
 * every process), a process list bounded to {@link PodMigrationStatus#MAX_PROCESSES}, and the pod's
 * phase, reason and message.
 */
public final class PodResultBuilder {
  /**
   * Longest message kept per pod or process: statuses are copied into the NumaMigration for up to
   * 200 pods, and the first few hundred characters carry the cause.
   */
  public static final int MAX_MESSAGE = 640;

  /** Longest node or CPU list kept in a process's entry (1,024 sparse ids would take 4 KiB). */
  static final int MAX_LIST = 128;

  private record Entry(String container, ProcessOutcome outcome, Optional<TargetNodes> local) {}

  /** Failures first (they need attention), then the biggest movers, then exited processes. */
  private static final Comparator<Entry> MOST_RELEVANT_FIRST =
      Comparator.<Entry>comparingInt(e -> rank(e.outcome()))
          .thenComparingLong(e -> e.outcome() instanceof Moved m ? -m.bytesMoved() : 0L)
          .thenComparingInt(e -> e.outcome().pid());

  private PodResultBuilder() {}

  /** A pod that was not attempted (the whole node's work failed). */
  public static PodMigrationStatus failed(
      String pod, String node, PodReason reason, String message) {
    PodMigrationStatus status = new PodMigrationStatus();
    status.setName(pod);
    status.setNode(node);
    status.setPhase(MigrationPhase.Failed);
    status.setReason(reason.name());
    status.setMessage(bounded(message));
    return status;
  }

  /** A pod waiting for its turn. */
  public static PodMigrationStatus pending(String pod, String node) {
    PodMigrationStatus status = new PodMigrationStatus();
    status.setName(pod);
    status.setNode(node);
    status.setPhase(MigrationPhase.Pending);
    return status;
  }

  public static PodMigrationStatus build(String pod, String node, List<ContainerRun> containers) {
    PodMigrationStatus status = new PodMigrationStatus();
    status.setName(pod);
    status.setNode(node);

    Tally tally = new Tally();
    List<Entry> entries = new ArrayList<>();
    for (ContainerRun run : containers) {
      status.getContainers().add(containerTotals(run, tally));
      run.outcomes().forEach(o -> entries.add(new Entry(run.name(), o, run.localTargets(o.pid()))));
    }
    entries.sort(MOST_RELEVANT_FIRST);
    List<ProcessMigrationStatus> kept = new ArrayList<>();
    for (Entry e : entries.subList(0, Math.min(entries.size(), PodMigrationStatus.MAX_PROCESSES))) {
      kept.add(processStatus(e));
    }
    status.setProcesses(kept);
    int omitted = entries.size() - kept.size();
    status.setProcessesOmitted(omitted > 0 ? omitted : null);
    status.setBytesMoved(tally.bytesMoved);
    status.setPagesNotMoved(tally.pagesNotMoved);
    status.setLongestCallMicros(micros(tally.longestCallNanos));
    status.setNotMovedByReason(new TreeMap<>(tally.notMovedByReason));
    decide(status, containers, tally, entries);
    return status;
  }

  private static ContainerMigrationStatus containerTotals(ContainerRun run, Tally tally) {
    ContainerMigrationStatus c = new ContainerMigrationStatus();
    c.setName(run.name());
    SortedMap<Integer, Long> before = new TreeMap<>();
    SortedMap<Integer, Long> after = new TreeMap<>();
    for (ProcessOutcome outcome : run.outcomes()) {
      c.setProcesses(c.getProcesses() + 1);
      if (outcome instanceof Moved m) {
        c.setBytesMoved(c.getBytesMoved() + m.bytesMoved());
        c.setPagesNotMoved(c.getPagesNotMoved() + m.pagesNotMoved());
        tally.longestCallNanos = Math.max(tally.longestCallNanos, m.calls().longestCallNanos());
        m.calls()
            .notMovedByReason()
            .forEach((r, n) -> tally.notMovedByReason.merge(r, n, Long::sum));
        m.bytesBefore().forEach((n, b) -> before.merge(n, b, Long::sum));
        if (m.afterKnown()) {
          m.bytesAfter().forEach((n, b) -> after.merge(n, b, Long::sum));
        }
        tally.moved++;
      } else if (outcome instanceof Failed) {
        c.setProcessesFailed(c.getProcessesFailed() + 1);
        tally.failed++;
      } else if (outcome instanceof NothingToMove) {
        tally.nothingToMove++;
      } else {
        tally.exited++;
      }
    }
    c.setBytesBefore(byNodeName(before));
    c.setBytesAfter(byNodeName(after));
    tally.bytesMoved += c.getBytesMoved();
    tally.pagesNotMoved += c.getPagesNotMoved();
    if (run.notFound().isPresent()) {
      tally.containersNotFound++;
    }
    return c;
  }

  private static ProcessMigrationStatus processStatus(Entry entry) {
    ProcessOutcome outcome = entry.outcome();
    ProcessMigrationStatus p = new ProcessMigrationStatus();
    p.setPid(outcome.pid());
    p.setContainer(entry.container());
    entry
        .local()
        .ifPresent(
            nodes -> {
              p.setResolvedFromNodes(cut(nodes.from().describe()));
              p.setResolvedToNodes(cut(nodes.to().describe()));
              nodes.local().ifPresent(local -> p.setCpusAllowed(cut(local.cpus())));
            });
    if (outcome instanceof Moved m) {
      p.setPhase(MigrationPhase.Succeeded);
      p.setBytesMoved(m.bytesMoved());
      p.setPagesNotMoved(m.pagesNotMoved());
      p.setElapsedMillis(m.elapsedNanos() / 1_000_000);
      p.setMode(
          m.calls().mode() == MoveMode.BOUNDED
              ? io.migratepages.api.v1alpha1.MoveMode.Bounded
              : io.migratepages.api.v1alpha1.MoveMode.Whole);
      p.setMoveCalls(m.calls().calls());
      p.setLongestCallMicros(micros(m.calls().longestCallNanos()));
      p.setNotMovedByReason(new TreeMap<>(m.calls().notMovedByReason()));
      p.setBytesBefore(byNodeName(m.bytesBefore()));
      p.setBytesAfter(byNodeName(m.bytesAfter()));
      if (!m.warnings().isEmpty()) {
        p.setMessage(bounded(String.join("; ", m.warnings())));
      }
    } else if (outcome instanceof Failed f) {
      p.setPhase(MigrationPhase.Failed);
      p.setMessage(bounded(f.message()));
    } else if (outcome instanceof NothingToMove n) {
      p.setPhase(MigrationPhase.Succeeded);
      p.setMessage(bounded(n.message()));
    } else {
      // not a failure: nothing of the process is left to move
      p.setPhase(MigrationPhase.Succeeded);
      p.setMessage(bounded("exited during the migration: " + ((Exited) outcome).message()));
    }
    return p;
  }

  private static void decide(
      PodMigrationStatus status, List<ContainerRun> containers, Tally tally, List<Entry> sorted) {
    List<String> notes = new ArrayList<>();
    if (tally.moved > 0) {
      notes.add(
          "moved "
              + ByteSizes.human(tally.bytesMoved)
              + " from "
              + Plurals.of(tally.moved, "process", "processes")
              + " in "
              + Plurals.of(containers.size(), "container", "containers"));
    }
    containers.stream()
        .filter(c -> c.notFound().isPresent())
        .forEach(c -> notes.add("container " + c.name() + " not found: " + c.notFound().get()));
    if (tally.failed > 0) {
      Failed first = (Failed) sorted.get(0).outcome();
      notes.add(
          tally.failed
              + " of "
              + tally.processes()
              + " processes failed (pid "
              + first.pid()
              + ": "
              + first.message()
              + ")");
    }
    if (tally.nothingToMove > 0) {
      NothingToMove first =
          (NothingToMove)
              sorted.stream()
                  .map(Entry::outcome)
                  .filter(o -> o instanceof NothingToMove)
                  .findFirst()
                  .orElseThrow();
      notes.add(
          Plurals.of(tally.nothingToMove, "process", "processes")
              + " had nothing to move (pid "
              + first.pid()
              + ": "
              + first.message()
              + ")");
    }
    if (tally.exited > 0) {
      notes.add(Plurals.of(tally.exited, "process", "processes") + " exited during the migration");
    }
    if (tally.pagesNotMoved > 0) {
      notes.add(Plurals.of(tally.pagesNotMoved, "page", "pages") + " could not be moved");
    }

    // a process already where local wants it counts as done: nothing of it had to move
    if (tally.moved + tally.nothingToMove == 0) {
      status.setPhase(MigrationPhase.Failed);
      if (tally.failed > 0) {
        status.setReason(PodReason.MigrationFailed.name());
      } else if (tally.containersNotFound > 0) {
        status.setReason(PodReason.ContainerNotFound.name());
      } else {
        status.setReason(PodReason.NoProcesses.name());
        notes.add(
            0,
            tally.exited > 0
                ? "every process exited before its pages moved"
                : "no processes in the containers' cgroups");
      }
    } else if (tally.failed > 0) {
      partially(status, PodReason.SomeProcessesFailed);
    } else if (tally.containersNotFound > 0) {
      partially(status, PodReason.ContainerNotFound);
    } else if (tally.pagesNotMoved > 0) {
      partially(status, PodReason.PagesNotMoved);
    } else {
      status.setPhase(MigrationPhase.Succeeded);
    }
    status.setMessage(bounded(String.join("; ", notes)));
  }

  private static void partially(PodMigrationStatus status, PodReason reason) {
    status.setPhase(MigrationPhase.PartiallySucceeded);
    status.setReason(reason.name());
  }

  /** Node numbers as map keys, in numeric order (a TreeMap of strings would put 10 before 2). */
  private static Map<String, Long> byNodeName(SortedMap<Integer, Long> bytes) {
    Map<String, Long> byName = new LinkedHashMap<>();
    bytes.forEach((node, b) -> byName.put(Integer.toString(node), b));
    return byName;
  }

  /** Cuts a node or CPU list to {@link #MAX_LIST} characters, marking the cut. */
  private static String cut(String list) {
    if (list.length() <= MAX_LIST) {
      return list;
    }
    String more = ",... (cut)";
    return list.substring(0, MAX_LIST - more.length()) + more;
  }

  /** Rounded up, so a call that took any time never shows as 0. */
  private static long micros(long nanos) {
    return (nanos + 999) / 1_000;
  }

  private static int rank(ProcessOutcome outcome) {
    if (outcome instanceof Failed) {
      return 0;
    }
    return outcome instanceof Moved ? 1 : 2;
  }

  /** Cuts {@code message} to {@link #MAX_MESSAGE} characters, marking the cut. */
  public static String bounded(String message) {
    if (message == null || message.length() <= MAX_MESSAGE) {
      return message;
    }
    String cut = " ... (cut)";
    return message.substring(0, MAX_MESSAGE - cut.length()) + cut;
  }

  private static final class Tally {
    int moved;
    int failed;
    int exited;
    int nothingToMove;
    int containersNotFound;
    long bytesMoved;
    long pagesNotMoved;
    long longestCallNanos;
    final Map<String, Long> notMovedByReason = new TreeMap<>();

    int processes() {
      return moved + failed + exited + nothingToMove;
    }
  }
}
