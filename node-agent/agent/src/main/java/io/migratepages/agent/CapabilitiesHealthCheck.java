package io.migratepages.agent;

import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.startup.CheckResult;
import io.smallrye.health.api.Wellness;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * What the start-up checks found, at {@code /q/health/well}: UP when this agent can migrate pages,
 * each check's finding in the response data. Deliberately not a readiness check: readiness means
 * "serving" (an agent that cannot migrate still answers its work with AgentNotCapable, and a
 * DaemonSet rollout onto such Kubernetes nodes must complete). The same verdict is the {@code
 * migratepages_agent_capable} gauge and a log line at start.
 */
@Wellness
@Singleton
public class CapabilitiesHealthCheck implements HealthCheck {
  private final AgentCapabilities capabilities;

  public CapabilitiesHealthCheck(AgentCapabilities capabilities) {
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
