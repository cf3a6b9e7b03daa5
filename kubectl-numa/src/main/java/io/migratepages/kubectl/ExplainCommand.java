package io.migratepages.kubectl;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.format.ByteSizes;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.ProcessMigrationStatus;
import io.migratepages.numanodes.NumaNodeSpec;
import java.util.ArrayList;
import java.util.Comparator;
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
    name = "explain",
    description =
        "A NumaMigration's story: its conditions, each pod's outcome, each process's move, and the"
            + " per-node work (NodeMigrations).")
final class ExplainCommand implements Callable<Integer> {
  @Mixin ClusterOptions cluster;

  @Mixin NamespaceOption namespace;

  @Mixin OutputOption output;

  @Parameters(paramLabel = "NUMAMIGRATION", description = "The NumaMigration's name.")
  String name;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (KubernetesClient client = cluster.client()) {
      String ns = ClusterOptions.namespace(namespace.namespace, client);
      NumaMigration migration =
          client.resources(NumaMigration.class).inNamespace(ns).withName(name).get();
      if (migration == null) {
        spec.commandLine().getErr().println("NumaMigration " + ns + "/" + name + " not found");
        return 1;
      }
      List<NodeMigration> work =
          client
              .resources(NodeMigration.class)
              .inNamespace(ns)
              .withLabel(ApiGroup.MIGRATION_LABEL, ApiGroup.labelValue(name))
              .list()
              .getItems()
              .stream()
              .sorted(Comparator.comparing(w -> w.getSpec().getNodeName()))
              .toList();
      if (output.json()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("numaMigration", migration);
        json.put("nodeMigrations", work);
        spec.commandLine().getOut().print(Json.of(json));
      } else {
        spec.commandLine().getOut().print(text(migration, work));
      }
      return 0;
    }
  }

  static String text(NumaMigration migration, List<NodeMigration> work) {
    StringBuilder out = new StringBuilder();
    NumaMigrationStatus status = migration.getStatus();
    out.append("NumaMigration ")
        .append(migration.getMetadata().getNamespace())
        .append('/')
        .append(migration.getMetadata().getName())
        .append(": from NUMA nodes ")
        .append(migration.getSpec().getFromNodes())
        .append(" to ")
        .append(migration.getSpec().getToNodes())
        .append(
            NumaNodeSpec.LOCAL.equals(migration.getSpec().getToNodes())
                ? " (the NUMA nodes of each process's CPUs)"
                : "")
        .append(", generation ")
        .append(migration.getMetadata().getGeneration())
        .append('\n');
    if (status == null || status.getPhase() == null) {
      return out.append("No status yet: the operator has not seen it.\n").toString();
    }
    out.append("Phase ").append(status.getPhase());
    if (status.getProgress() != null) {
      out.append(", ").append(status.getProgress()).append(" pods done");
    }
    if (status.getMoved() != null) {
      out.append(", ").append(status.getMoved()).append(" moved");
    }
    if (status.getLongestPause() != null) {
      out.append(", longest pause ").append(status.getLongestPause());
    }
    if (status.getSummary() != null && status.getSummary().getPagesNotMoved() > 0) {
      out.append(", ").append(status.getSummary().getPagesNotMoved()).append(" pages not moved");
    }
    if (!java.util.Objects.equals(
        status.getObservedGeneration(), migration.getMetadata().getGeneration())) {
      out.append(" (status of generation ").append(status.getObservedGeneration()).append(')');
    }
    out.append('\n');
    Table conditions = new Table(List.of("CONDITION", "STATUS", "REASON", "MESSAGE"));
    for (Condition c : status.getConditions()) {
      conditions.row(
          List.of(c.getType(), c.getStatus(), orDash(c.getReason()), orDash(c.getMessage())));
    }
    out.append('\n').append(conditions.render());
    Table pods = new Table(List.of("POD", "NODE", "PHASE", "REASON", "MOVED", "MESSAGE"));
    Table processes =
        new Table(
            List.of(
                "POD", "CONTAINER", "PID", "PHASE", "MOVED", "BEFORE", "AFTER", "TIME", "MESSAGE"));
    for (PodMigrationStatus pod : status.getPods()) {
      pods.row(
          List.of(
              pod.getName(),
              orDash(pod.getNode()),
              String.valueOf(pod.getPhase()),
              orDash(pod.getReason()),
              ByteSizes.human(pod.getBytesMoved()),
              orDash(pod.getMessage())));
      for (ProcessMigrationStatus p : pod.getProcesses()) {
        processes.row(
            List.of(
                pod.getName(),
                orDash(p.getContainer()),
                Integer.toString(p.getPid()),
                String.valueOf(p.getPhase()),
                ByteSizes.human(p.getBytesMoved()),
                perNumaNode(p.getBytesBefore()),
                perNumaNode(p.getBytesAfter()),
                p.getElapsedMillis() + "ms",
                orDash(localAndMessage(p))));
      }
      if (pod.getProcessesOmitted() != null) {
        processes.row(
            List.of(
                pod.getName(),
                "",
                "",
                "",
                "",
                "",
                "",
                "",
                pod.getProcessesOmitted() + " more processes not listed"));
      }
    }
    if (!pods.isEmpty()) {
      out.append('\n').append(pods.render());
      if (status.getPodsOmitted() != null) {
        out.append(status.getPodsOmitted()).append(" more pods not listed in the status\n");
      }
    }
    if (!processes.isEmpty()) {
      out.append('\n').append(processes.render());
    }
    if (!work.isEmpty()) {
      Table nodes =
          new Table(
              List.of(
                  "NODEMIGRATION", "NODE", "RUN", "PHASE", "AGENT", "PODS", "REASON", "MESSAGE"));
      for (NodeMigration w : work) {
        var s = w.getStatus();
        nodes.row(
            List.of(
                w.getMetadata().getName(),
                w.getSpec().getNodeName(),
                Long.toString(w.getSpec().getMigrationGeneration()),
                s == null || s.getPhase() == null ? "Pending" : s.getPhase().name(),
                s == null ? "-" : orDash(s.getAgent()),
                Integer.toString(w.getSpec().getPods().size()),
                s == null ? "-" : orDash(s.getReason()),
                s == null ? "-" : orDash(s.getMessage())));
      }
      out.append('\n').append(nodes.render());
    }
    return out.toString();
  }

  /** {@code N0=40Mi N1=0}: bytes per NUMA node. */
  static String perNumaNode(Map<String, Long> bytes) {
    if (bytes == null || bytes.isEmpty()) {
      return "-";
    }
    List<String> parts = new ArrayList<>();
    bytes.entrySet().stream()
        .sorted(Comparator.comparingInt(e -> Integer.parseInt(e.getKey())))
        .forEach(e -> parts.add("N" + e.getKey() + "=" + ByteSizes.human(e.getValue())));
    return String.join(" ", parts);
  }

  private static String orDash(String value) {
    return value == null || value.isEmpty() ? "-" : value;
  }

  /** With toNodes local, what it meant for the process, before its message. */
  private static String localAndMessage(ProcessMigrationStatus p) {
    if (p.getResolvedToNodes() == null) {
      return p.getMessage();
    }
    String local =
        "local = "
            + p.getResolvedToNodes()
            + (p.getCpusAllowed() == null ? "" : " (CPUs " + p.getCpusAllowed() + ")")
            + ", from "
            + p.getResolvedFromNodes();
    return p.getMessage() == null ? local : local + "; " + p.getMessage();
  }
}
