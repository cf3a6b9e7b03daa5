package io.migratepages.kubectl;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    mixinStandardHelpOptions = true,
    name = "pods",
    description =
        "Per pod and container: bytes per NUMA node and the share local to the NUMA nodes of its"
            + " CPUs, from the node agents' NodeNumaReports.")
final class PodsCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOption namespace;

  @Option(
      names = {"-A", "--all-namespaces"},
      description = "Pods of every namespace.")
  boolean allNamespaces;

  @Option(
      names = {"-l", "--selector"},
      paramLabel = "SELECTOR",
      description = "Label selector, as kubectl's (e.g. app=db,tier!=cache).")
  String selector;

  @Mixin OutputOption output;

  @Spec CommandSpec spec;

  /** One container of a pod, with the Kubernetes node it runs on. */
  record Row(String namespace, String pod, String node, ContainerNumaPlacement container) {
    Integer localPercent() {
      if (container.getTotalBytes() == 0 || container.getCpuNumaNodes() == null) {
        return null;
      }
      return (int) (container.getLocalBytes() * 100 / container.getTotalBytes());
    }
  }

  @Override
  public Integer call() {
    try (KubernetesClient client = cluster.client()) {
      String ns = allNamespaces ? null : ClusterOptions.namespace(namespace.namespace, client);
      Set<String> selected = selector == null ? null : selectedUids(client, ns);
      List<Row> rows = new ArrayList<>();
      List<String> notes = new ArrayList<>();
      for (NodeNumaReport report : Reports.of(client, List.of())) {
        NodeNumaReportStatus status = report.getStatus();
        if (status == null) {
          continue;
        }
        if (status.getPodsOmitted() != null) {
          notes.add(
              "node "
                  + report.getMetadata().getName()
                  + ": "
                  + status.getPodsOmitted()
                  + " pods ("
                  + status.getContainersOmitted()
                  + " containers) not in its report, which lists at most "
                  + NodeNumaReportStatus.MAX_CONTAINERS
                  + " containers");
        }
        for (PodNumaPlacement pod : status.getPods()) {
          if ((ns != null && !ns.equals(pod.getNamespace()))
              || (selected != null && !selected.contains(pod.getUid()))) {
            continue;
          }
          for (ContainerNumaPlacement c : pod.getContainers()) {
            rows.add(new Row(pod.getNamespace(), pod.getName(), report.getMetadata().getName(), c));
          }
        }
      }
      rows.sort(
          Comparator.comparing(Row::namespace)
              .thenComparing(Row::pod)
              .thenComparing(r -> r.container().getName()));
      if (output.json()) {
        spec.commandLine().getOut().print(Json.of(json(rows)));
      } else {
        spec.commandLine().getOut().print(text(rows, ns));
        notes.forEach(n -> spec.commandLine().getOut().println(n));
      }
      return 0;
    }
  }

  private Set<String> selectedUids(KubernetesClient client, String ns) {
    List<Pod> pods =
        ns == null
            ? client.pods().inAnyNamespace().withLabelSelector(selector).list().getItems()
            : client.pods().inNamespace(ns).withLabelSelector(selector).list().getItems();
    return pods.stream().map(p -> p.getMetadata().getUid()).collect(Collectors.toSet());
  }

  private String text(List<Row> rows, String ns) {
    if (rows.isEmpty()) {
      return ns == null
          ? "No pods in the NodeNumaReports.\n"
          : "No pods of namespace " + ns + " in the NodeNumaReports.\n";
    }
    Set<Integer> numaNodes = new TreeSet<>();
    rows.forEach(
        r -> r.container().getBytes().keySet().forEach(k -> numaNodes.add(Integer.parseInt(k))));
    List<String> headers = new ArrayList<>();
    if (ns == null) {
      headers.add("NAMESPACE");
    }
    headers.addAll(List.of("POD", "CONTAINER", "NODE", "CPUS", "CPU NUMA"));
    numaNodes.forEach(n -> headers.add("N" + n));
    headers.addAll(List.of("TOTAL", "LOCAL"));
    Table table = new Table(headers);
    List<String> errors = new ArrayList<>();
    for (Row row : rows) {
      ContainerNumaPlacement c = row.container();
      List<String> cells = new ArrayList<>();
      if (ns == null) {
        cells.add(row.namespace());
      }
      cells.addAll(
          List.of(
              row.pod(),
              c.getName(),
              row.node(),
              orDash(c.getCpus()),
              orDash(c.getCpuNumaNodes())));
      numaNodes.forEach(
          n -> {
            Long bytes = c.getBytes().get(Integer.toString(n));
            cells.add(bytes == null ? "-" : ByteSizes.human(bytes));
          });
      cells.add(ByteSizes.human(c.getTotalBytes()));
      Integer local = row.localPercent();
      cells.add(local == null ? "-" : local + "%");
      table.row(cells);
      if (c.getError() != null) {
        errors.add(row.pod() + "/" + c.getName() + ": " + c.getError());
      }
    }
    StringBuilder out = new StringBuilder(table.render());
    errors.forEach(e -> out.append(e).append('\n'));
    return out.toString();
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  private static List<Map<String, Object>> json(List<Row> rows) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Row row : rows) {
      ContainerNumaPlacement c = row.container();
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("namespace", row.namespace());
      entry.put("pod", row.pod());
      entry.put("container", c.getName());
      entry.put("node", row.node());
      entry.put("cpus", c.getCpus());
      entry.put("cpuNumaNodes", c.getCpuNumaNodes());
      entry.put("bytes", c.getBytes());
      entry.put("totalBytes", c.getTotalBytes());
      entry.put("localBytes", c.getLocalBytes());
      entry.put("localPercent", row.localPercent());
      entry.put("error", c.getError());
      out.add(entry);
    }
    return out;
  }
}
