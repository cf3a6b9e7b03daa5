package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.migratepages.agent.report.NodeNumaReportWriter;
import io.migratepages.agent.report.NodeNumaReporter;
import io.migratepages.agent.report.PodNumaReader;
import io.migratepages.agent.report.ReportChange;
import io.migratepages.api.v1alpha1.ContainerNumaPlacement;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.PodNumaPlacement;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.migratepages.kubectl.KubectlNuma;
import io.migratepages.testsupport.HostFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The node agent's NodeNumaReport on the real API server (the CRD accepted, the report created,
 * owned by its Node, updated when placement moves, skipped when it does not), then {@code kubectl
 * numa} reading it, and {@code kubectl numa explain} telling a real run's story.
 *
 * <p>The agent's report reads a fixture host (sysfs, cgroups and numa_maps written by
 * node-agent/test-support), not a real kernel: the simulated Kubernetes nodes of these tests run no
 * processes. The readers it uses are the engine's, which the kernel tests run on a real kernel.
 */
class NodeNumaReportE2ETest extends EndToEndTest {
  private static final long PAGE = 4096;

  private NodeNumaReporter reporter(SimulatedKubeNode node) {
    return new NodeNumaReporter(
        node.agentName(),
        new SysfsTopologyReader(new HostPaths(node.hostRoot())),
        () ->
            kubectl
                .pods()
                .inAnyNamespace()
                .withField("spec.nodeName", node.name())
                .list()
                .getItems(),
        new PodNumaReader(node.cgroups().cgroupRoot(), node.cgroups().procRoot()),
        new NodeNumaReportWriter(newClient(), node.name()),
        new ReportChange(16 * MI, Duration.ofMinutes(5)),
        Clock.systemUTC());
  }

  @Test
  void theAgentPublishesItsNodesReportAndKubectlNumaShowsIt() throws Exception {
    String ns = namespace("numa");
    SimulatedKubeNode node = node("numa-worker");
    Path host = node.hostRoot();
    HostFixture.at(host).node(0, 8 << 20, 6 << 20, "0-1").node(1, 8 << 20, 2 << 20, "2-3").write();
    SimulatedPod db = node.pod(ns, "db-0").container("db", 64 * MI).run(kubectl);
    SimulatedPod.Container container = db.containers().get(0);
    node.cgroups().containerCpus(db.uid(), db.qosClass(), container.containerId(), "2-3");
    int pid = container.pids().get(0);
    HostFixture.numaMaps(host, pid, HostFixture.anonLine(0x1000, "N0=12288 N1=4096"));
    NodeNumaReporter reporter = reporter(node);

    assertThat(reporter.reportOnce()).as("first reading").isTrue();

    NodeNumaReport report = kubectl.resources(NodeNumaReport.class).withName(node.name()).get();
    assertThat(report.getSpec().getNodeName()).isEqualTo(node.name());
    assertThat(report.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(o -> assertThat(o.getName()).isEqualTo(node.name()));
    assertThat(report.getStatus().getNumaNodeCount()).isEqualTo(2);
    assertThat(report.getStatus().getMemory()).isEqualTo("8Gi/16Gi");
    ContainerNumaPlacement placement = only(report).getContainers().get(0);
    assertThat(placement.getBytes()).isEqualTo(Map.of("0", 48 * MI, "1", 16 * MI));
    assertThat(placement.getCpuNumaNodes()).isEqualTo("1");
    assertThat(placement.getLocalBytes()).isEqualTo(16 * MI);
    String firstVersion = report.getMetadata().getResourceVersion();

    assertThat(reporter.reportOnce()).as("nothing moved: no write").isFalse();
    assertThat(
            kubectl
                .resources(NodeNumaReport.class)
                .withName(node.name())
                .get()
                .getMetadata()
                .getResourceVersion())
        .isEqualTo(firstVersion);

    HostFixture.numaMaps(host, pid, HostFixture.anonLine(0x1000, "N1=16384"));
    assertThat(reporter.reportOnce()).as("48 MiB moved to NUMA node 1").isTrue();
    placement =
        only(kubectl.resources(NodeNumaReport.class).withName(node.name()).get())
            .getContainers()
            .get(0);
    assertThat(placement.getBytes()).isEqualTo(Map.of("1", 64 * MI));
    assertThat(placement.getLocalBytes()).isEqualTo(64 * MI);

    String pods = kubectlNuma("pods", "-n", ns).out();
    assertThat(pods.lines().toList())
        .first()
        .asString()
        .matches("POD +CONTAINER +NODE +CPUS +CPU NUMA +N1 +TOTAL +LOCAL");
    assertThat(pods).containsPattern("db-0 +db +numa-worker +2-3 +1 +64Mi +64Mi +100%");
    assertThat(kubectlNuma("pods", "-A", "-l", "app=none").out()).contains("No pods");
    String nodes = kubectlNuma("nodes", node.name()).out();
    assertThat(nodes).containsPattern("numa-worker +0 +0-1 +6Gi +8Gi +10 21");
    assertThat(nodes).containsPattern("\\n +1 +2-3 +2Gi +8Gi +21 10");
    assertThat(kubectlNuma("pods", "-n", ns, "-o", "json").out())
        .contains("\"localPercent\" : 100");

    kubectl.nodes().withName(node.name()).delete();
    await("the NodeNumaReport garbage-collected with its Node")
        .atMost(WAIT)
        .until(() -> kubectl.resources(NodeNumaReport.class).withName(node.name()).get() == null);
  }

  @Test
  void explainTellsTheRunsStoryPodByPodAndProcessByProcess() {
    String ns = namespace("explain");
    SimulatedKubeNode node = node("explain-worker");
    node.pod(ns, "db-0").label("app", "db").container("db", 40 * MI).run(kubectl);
    startOperator(Duration.ofSeconds(60));
    startAgent(node);

    create(Migrations.byPodName(ns, "move-db", "db-0", "0", "1"));
    awaitPhase(ns, "move-db", MigrationPhase.Succeeded);

    String story = kubectlNuma("explain", "move-db", "-n", ns).out();
    assertThat(story)
        .contains("NumaMigration " + ns + "/move-db: from NUMA nodes 0 to 1")
        .contains("Phase Succeeded, 1/1 pods done, 40Mi moved")
        .containsPattern("Ready +True +Succeeded")
        .containsPattern("db-0 +explain-worker +Succeeded")
        .containsPattern("db-0 +db +\\d+ +Succeeded +40Mi +N0=40Mi")
        .containsPattern("explain-worker +1 +Succeeded +" + node.agentName());
    Run missing = kubectlNuma("explain", "nothing", "-n", ns);
    assertThat(missing.exit()).isEqualTo(1);
    assertThat(missing.err()).contains("NumaMigration " + ns + "/nothing not found");
  }

  private static PodNumaPlacement only(NodeNumaReport report) {
    assertThat(report.getStatus().getPods()).hasSize(1);
    return report.getStatus().getPods().get(0);
  }

  record Run(int exit, String out, String err) {}

  /** Runs {@code kubectl numa ARGS} against this control plane, in this JVM. */
  private Run kubectlNuma(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--kubeconfig=" + kubeconfig());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    var line = KubectlNuma.commandLine();
    line.setOut(new PrintWriter(out));
    line.setErr(new PrintWriter(err));
    int exit = line.execute(all.toArray(String[]::new));
    // the README's sample output is taken from here
    System.out.println("$ kubectl numa " + String.join(" ", args) + "\n" + out + err);
    return new Run(exit, out.toString(), err.toString());
  }
}
