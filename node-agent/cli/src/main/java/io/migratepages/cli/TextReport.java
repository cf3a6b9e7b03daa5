package io.migratepages.cli;

import io.migratepages.api.format.ByteSizes;
import io.migratepages.engine.MigrationPreview;
import io.migratepages.engine.MigrationResult;
import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.engine.plan.MigrationPlan;
import io.migratepages.numanodes.NumaNodeSet;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeSet;

/** Plain-text output: the dry run's placement and plan, and --verbose's summary. */
final class TextReport {
  private final NumaNodeSet nodes;
  private final PrintWriter out;

  TextReport(NumaNodeSet nodes, PrintWriter out) {
    this.nodes = nodes;
    this.out = out;
  }

  void preview(MigrationPreview p) {
    out.printf("process %d, pages on each node now:%n", p.pid());
    placementTable(p.before(), null);
    printPlan(p.plan());
    if (!p.plan().movesNothing()) {
      out.printf("would move %s%n", ByteSizes.human(p.plan().bytesToMove(p.before())));
    }
  }

  void result(MigrationResult r) {
    out.printf("process %d, pages on each node before and after:%n", r.pid());
    placementTable(r.before(), r.processExited() ? null : r.after());
    printPlan(r.plan());
    out.printf(
        Locale.ROOT,
        "migrate_pages took %.3f ms, %d pages not moved%n",
        r.elapsedNanos() / 1e6,
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
