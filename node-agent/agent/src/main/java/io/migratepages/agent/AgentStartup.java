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
 * without NODE_NAME, and logs plainly what the start-up checks found.
 */
@Singleton
public class AgentStartup {
  private static final Logger LOG = Logger.getLogger(AgentStartup.class);

  void onStart(
      @Observes @Priority(1000) StartupEvent event,
      AgentIdentity identity,
      AgentCapabilities capabilities) {
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
          "this agent will fail its work with reason AgentNotCapable until it is redeployed: %s",
          String.join("; ", capabilities.problems()));
    }
  }
}
