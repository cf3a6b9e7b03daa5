package io.migratepages.agent;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.migratepages.agent.report.NodeNumaReportWriter;
import io.migratepages.agent.report.NodeNumaReporter;
import io.migratepages.agent.report.PodNumaReader;
import io.migratepages.agent.report.ReportChange;
import io.migratepages.engine.host.SysfsTopologyReader;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.time.Clock;
import org.jboss.logging.Logger;

/**
 * Starts the node's NodeNumaReport: an informer on the pods bound to this node (the only pods the
 * agent reads) and the reporter on its interval.
 */
@Singleton
public class NodeNumaReporting {
  private static final Logger LOG = Logger.getLogger(NodeNumaReporting.class);

  private SharedIndexInformer<Pod> pods;
  private NodeNumaReporter reporter;

  void onStart(
      @Observes StartupEvent event,
      AgentConfig config,
      AgentIdentity identity,
      KubernetesClient client,
      Clock clock) {
    AgentConfig.Report settings = config.report();
    if (!settings.enabled()) {
      LOG.info("NodeNumaReport disabled (migratepages.agent.report.enabled=false)");
      return;
    }
    pods = client.pods().inAnyNamespace().withField("spec.nodeName", identity.nodeName()).inform();
    reporter =
        new NodeNumaReporter(
            identity.agentName(),
            new SysfsTopologyReader(AgentProducers.hostPaths(config)),
            () -> pods.getStore().list(),
            new PodNumaReader(config.cgroupRoot(), config.procRoot()),
            new NodeNumaReportWriter(client, identity.nodeName()),
            new ReportChange(settings.changeThresholdBytes(), settings.maxAge()),
            clock);
    reporter.start(settings.interval());
    LOG.infof(
        "NodeNumaReport %s: every %s, written when a count moves by more than %d bytes or every %s",
        identity.nodeName(),
        settings.interval(),
        settings.changeThresholdBytes(),
        settings.maxAge());
  }

  void onStop(@Observes ShutdownEvent event) {
    if (reporter != null) {
      reporter.close();
    }
    if (pods != null) {
      pods.close();
    }
  }
}
