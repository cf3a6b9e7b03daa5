package io.migratepages.kubectl;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.NumaNodeTopology;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "nodes",
    description =
        "Per Kubernetes node: its NUMA nodes, their CPUs and memory free/total, from the node"
            + " agents' NodeNumaReports.")
final class NodesCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Mixin OutputOption output;

  @Parameters(paramLabel = "NODE", arity = "0..*", description = "Kubernetes nodes (default: all).")
  List<String> nodeNames = new ArrayList<>();

  @Spec CommandSpec spec;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    try (KubernetesClient client = cluster.client()) {
      List<NodeNumaReport> reports = Reports.of(client, nodeNames);
      List<String> missing =
          nodeNames.stream()
              .filter(n -> reports.stream().noneMatch(r -> r.getMetadata().getName().equals(n)))
              .toList();
      if (output.json()) {
        spec.commandLine().getOut().print(Json.of(json(reports)));
      } else {
        spec.commandLine().getOut().print(text(reports));
      }
      missing.forEach(n -> spec.commandLine().getErr().println("no NodeNumaReport for node " + n));
      return missing.isEmpty() ? 0 : 1;
    }
  }

  private String text(List<NodeNumaReport> reports) {
    if (reports.isEmpty()) {
      return "No NodeNumaReports: is the node agent running (and publishing reports)?\n";
    }
    Table table =
        new Table(
            List.of(
                "NODE", "NUMA NODE", "CPUS", "MEMORY FREE", "MEMORY TOTAL", "DISTANCES", "AGE"));
    for (NodeNumaReport report : reports) {
      NodeNumaReportStatus status = report.getStatus();
      String node = report.getMetadata().getName();
      if (status == null || status.getNumaNodes().isEmpty()) {
        table.row(List.of(node, "-", "-", "-", "-", "-", "<not reported>"));
        continue;
      }
      boolean first = true;
      for (NumaNodeTopology numa : status.getNumaNodes()) {
        table.row(
            List.of(
                first ? node : "",
                Integer.toString(numa.getId()),
                numa.getCpus() == null || numa.getCpus().isEmpty() ? "-" : numa.getCpus(),
                ByteSizes.human(numa.getMemFreeBytes()),
                ByteSizes.human(numa.getMemTotalBytes()),
                distances(numa, status.getNumaNodes()),
                first ? Ages.since(status.getReportTime(), clock.instant()) : ""));
        first = false;
      }
    }
    return table.render();
  }

  private static String distances(NumaNodeTopology numa, List<NumaNodeTopology> all) {
    List<String> out = new ArrayList<>();
    for (NumaNodeTopology to : all) {
      Integer d = numa.getDistances().get(Integer.toString(to.getId()));
      out.add(d == null ? "-" : d.toString());
    }
    return String.join(" ", out);
  }

  private static List<Map<String, Object>> json(List<NodeNumaReport> reports) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (NodeNumaReport report : reports) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("node", report.getMetadata().getName());
      NodeNumaReportStatus status = report.getStatus();
      node.put("reportTime", status == null ? null : status.getReportTime());
      node.put("cpus", status == null ? null : status.getCpus());
      node.put("numaNodes", status == null ? List.of() : status.getNumaNodes());
      out.add(node);
    }
    return out;
  }
}
