package io.migratepages.cli;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.engine.MigrationPreview;
import io.migratepages.engine.MigrationResult;
import io.migratepages.engine.MoveMode;
import io.migratepages.engine.MoveOptions;
import io.migratepages.engine.MoveStats;
import io.migratepages.engine.bounded.BatchSchedule;
import io.migratepages.engine.local.LocalNodes;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.numanodes.NumaNodeSet;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;

/** Plain-text output: the dry run's placement and plan, and --verbose's summary. */
final class TextReport {
  private final NumaNodeSet nodes;
  private final PrintWriter out;

  TextReport(NumaNodeSet nodes, PrintWriter out) {
    this.nodes = nodes;
    this.out = out;
  }

  void preview(MigrationPreview p, Optional<LocalNodes> local) {
    out.printf("process %d, pages on each node now:%n", p.pid());
    placementTable(p.before(), null);
    local.ifPresent(l -> out.printf("to-nodes %s%n", l.describe()));
    printPlan(p.plan());
    if (!p.plan().movesNothing()) {
      out.printf("would move %s%n", ByteSizes.human(p.plan().bytesToMove(p.before())));
    }
    p.batches().ifPresent(b -> printBatches(b, p.options()));
  }

  private void printBatches(BatchSchedule b, MoveOptions options) {
    out.printf(
        Locale.ROOT,
        "bounded: move_pages over %d mapping(s) with pages on the source nodes; first call %d"
            + " pages, then each call at most twice the last, sized from the calls so far to take"
            + " about %.1f ms (80%% of --max-pause %.1f ms), at most %d pages per call%n",
        b.mappings(),
        b.firstBatchPages(),
        b.targetCallNanos() / 1e6,
        options.maxPausePerCall().toNanos() / 1e6,
        b.maxBatchPages());
    if (options.rateLimited()) {
      out.printf(
          Locale.ROOT,
          "rate limit %s/s: the move takes at least %.2f s%n",
          ByteSizes.human(options.rateLimitBytesPerSecond()),
          b.minimumNanos() / 1e9);
    }
  }

  void result(MigrationResult r, Optional<LocalNodes> local) {
    out.printf("process %d, pages on each node before and after:%n", r.pid());
    placementTable(r.before(), r.processExited() ? null : r.after());
    local.ifPresent(l -> out.printf("to-nodes %s%n", l.describe()));
    printPlan(r.plan());
    if (r.mode() == MoveMode.WHOLE) {
      out.printf(
          Locale.ROOT,
          "migrate_pages took %.3f ms, %d pages not moved%n",
          r.elapsedNanos() / 1e6,
          r.pagesNotMoved());
      return;
    }
    MoveStats s = r.stats();
    out.printf(
        Locale.ROOT,
        "move_pages: %d calls in %.3f ms, longest %.3f ms, p99 %.3f ms; moved %s (%s/s);"
            + " %d pages not moved%n",
        s.calls(),
        s.elapsedNanos() / 1e6,
        s.longestCallNanos() / 1e6,
        s.p99CallNanos() / 1e6,
        ByteSizes.human(s.bytesMoved()),
        ByteSizes.human((long) s.throughputBytesPerSecond()),
        r.pagesNotMoved());
  }

  private void printPlan(MigrationPlan plan) {
    if (plan.movesNothing()) {
      out.printf("plan %s -> %s: nothing moves%n", plan.from().describe(), plan.to().describe());
    } else {
      out.printf("plan %s -> %s, in the kernel's order: %s%n", plan.from(), plan.to(), plan);
    }
  }

  private void placementTable(NumaPlacement before, NumaPlacement after) {
    TreeSet<Integer> keys = new TreeSet<>(nodes.toList());
    keys.addAll(before.bytes().keySet());
    if (after != null) {
      keys.addAll(after.bytes().keySet());
    }
    String header = after == null ? "  node  %12s  %12s%n" : "  node  %12s  %12s  %12s  %12s%n";
    if (after == null) {
      out.printf(header, "total", "anonymous");
    } else {
      out.printf(header, "before", "anon before", "after", "anon after");
    }
    for (int node : keys) {
      if (after == null) {
        out.printf(
            "  %4d  %12s  %12s%n",
            node, human(before.bytesOn(node)), human(before.anonymousBytesOn(node)));
      } else {
        out.printf(
            "  %4d  %12s  %12s  %12s  %12s%n",
            node,
            human(before.bytesOn(node)),
            human(before.anonymousBytesOn(node)),
            human(after.bytesOn(node)),
            human(after.anonymousBytesOn(node)));
      }
    }
  }

  private static String human(long bytes) {
    return ByteSizes.human(bytes);
  }
}
