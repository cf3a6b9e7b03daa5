package io.migratepages.agent;

import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.startup.CheckResult;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when the agent can migrate pages, so {@code kubectl get pods} shows an agent that
 * cannot; each check's finding is in the response data. Liveness is unaffected: restarting would
 * not help.
 */
@Readiness
@Singleton
public class CapabilitiesReadinessCheck implements HealthCheck {
  private final AgentCapabilities capabilities;

  public CapabilitiesReadinessCheck(AgentCapabilities capabilities) {
    this.capabilities = capabilities;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder response =
        HealthCheckResponse.named("migratepages-agent-capabilities").status(capabilities.capable());
    for (CheckResult check : capabilities.checks()) {
      response.withData(check.name(), (check.passed() ? "ok: " : "PROBLEM: ") + check.detail());
    }
    return response.build();
  }
}
