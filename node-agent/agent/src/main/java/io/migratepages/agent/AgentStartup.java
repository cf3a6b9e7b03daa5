package io.migratepages.agent;

import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.startup.CheckResult;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import org.jboss.logging.Logger;

/**
 * Runs before the operator starts (its start-up observer has priority 3123): refuses to start
 * without NODE_NAME, logs plainly what the start-up checks found and publishes it as a gauge.
 */
@Singleton
public class AgentStartup {
  private static final Logger LOG = Logger.getLogger(AgentStartup.class);

  void onStart(
      @Observes @Priority(1000) StartupEvent event,
      AgentIdentity identity,
      AgentCapabilities capabilities,
      AgentMetrics metrics) {
    metrics.capability(capabilities);
    LOG.infof(
        "node agent %s serving node %s (NodeMigrations labelled %s, all namespaces)",
        identity.agentName(), identity.nodeName(), identity.labelSelector());
    for (CheckResult check : capabilities.checks()) {
      if (check.passed()) {
        LOG.infof("start-up check %s", check);
      } else {
        LOG.warnf("start-up check %s", check);
      }
    }
    if (capabilities.capable()) {
      LOG.info("every start-up check passed: this agent can migrate pages");
    } else {
      LOG.errorf(
          "this agent cannot migrate pages: it answers its work with reason AgentNotCapable until"
              + " it is redeployed (readiness stays UP; /q/health/well and the"
              + " migratepages_agent_capable gauge say so): %s",
          String.join("; ", capabilities.problems()));
    }
  }
}
