package io.migratepages.demo;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.Locale;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The demo's ending: the final status, bytes per node by the agent and by numa_maps, one summary.
 */
public final class DemoReport {
  private static final double MIB = 1024.0 * 1024.0;

  private DemoReport() {}

  public static void print(DemoResult result, Narrator out) {
    MigrationStatus status = result.status();
    out.line("");
    out.line(
        "kubectl get numamigration "
            + result.migration().getMetadata().getName()
            + " -o yaml   # status:");
    String yaml = new KubernetesSerialization().asYaml(result.migration().get("status"));
    out.line(indent(yaml.replaceFirst("^---\\n", "").stripTrailing()));
    if (!result.events().isEmpty()) {
      out.line("");
      out.line("Events:");
      result.events().forEach(e -> out.line("  " + e));
    }

    Optional<MigrationStatus.ContainerResult> container =
        status.containerIfPresent(DemoScenario.POD, DemoScenario.CONTAINER);
    SortedSet<Integer> nodes = new TreeSet<>();
    container.ifPresent(c -> nodes.addAll(c.bytesBefore().bytes().keySet()));
    container.ifPresent(c -> nodes.addAll(c.bytesAfter().bytes().keySet()));
    nodes.addAll(result.before().all().bytes().keySet());
    nodes.addAll(result.after().all().bytes().keySet());
    out.line("");
    out.line(
        String.format(
            Locale.ROOT,
            "Memory of pod %s, container %s (pid %d in the VM), per NUMA node:",
            DemoScenario.POD,
            DemoScenario.CONTAINER,
            result.pid()));
    StringBuilder header = new StringBuilder(String.format(Locale.ROOT, "  %-38s", ""));
    nodes.forEach(n -> header.append(String.format(Locale.ROOT, "%14s", "node " + n)));
    out.line(header.toString());
    String numaMaps = "VM's /proc/" + result.pid() + "/numa_maps";
    String agent = "agent (NumaMigration status)";
    container.ifPresent(c -> out.line(row("before  " + agent, c.bytesBefore(), nodes)));
    out.line(row("before  " + numaMaps, result.before().all(), nodes));
    container.ifPresent(c -> out.line(row("after   " + agent, c.bytesAfter(), nodes)));
    out.line(row("after   " + numaMaps, result.after().all(), nodes));
    if (container.isEmpty()) {
      out.line("  (the status has no result for container " + DemoScenario.CONTAINER + ")");
    }
    for (var nodeMigration : result.nodeMigrations()) {
      for (MigrationStatus.ProcessResult process :
          new MigrationStatus(nodeMigration).processes(DemoScenario.POD)) {
        out.line(
            String.format(
                Locale.ROOT,
                "  NodeMigration %s: pid %d (container %s, found through its cgroup) %s,"
                    + " migrate_pages took %d ms, %d pages not moved",
                nodeMigration.getMetadata().getName(),
                process.pid(),
                process.container(),
                process.phase(),
                process.elapsedMillis(),
                process.pagesNotMoved()));
      }
    }

    NumaNodeBytes anonymous = result.after().anonymous();
    double onTarget = anonymous.total() == 0 ? 0 : 100.0 * anonymous.on(1) / anonymous.total();
    out.line("");
    out.line(
        String.format(
            Locale.ROOT,
            "NumaMigration %s: %s. Moved %.1f MiB to NUMA node 1 in %.1f s (status: %s moved);"
                + " node 1 now holds %.1f%% of the process's anonymous memory.",
            result.migration().getMetadata().getName(),
            status.phase(),
            Math.max(0, result.after().all().on(1) - result.before().all().on(1)) / MIB,
            result.migrationTime().toMillis() / 1000.0,
            status.moved().isEmpty() ? "nothing" : status.moved(),
            onTarget));
  }

  private static String row(String label, NumaNodeBytes bytes, SortedSet<Integer> nodes) {
    StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-38s", label));
    nodes.forEach(n -> line.append(String.format(Locale.ROOT, "%10.1f MiB", bytes.on(n) / MIB)));
    return line.toString();
  }

  private static String indent(String text) {
    return "  " + text.replace("\n", "\n  ");
  }
}
