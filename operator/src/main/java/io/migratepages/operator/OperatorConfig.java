package io.migratepages.operator;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** The operator's own settings ({@code migratepages.*}; env {@code MIGRATEPAGES_*}). */
@ConfigMapping(prefix = "migratepages")
public interface OperatorConfig {

  /** Default for {@link #agentTimeout()}. */
  Duration DEFAULT_AGENT_TIMEOUT = Duration.ofSeconds(60);

  /**
   * How long a NodeMigration may wait for its node's agent to pick it up, from its dispatched-at
   * annotation, before its pods are reported Failed with reason AgentUnavailable.
   */
  @WithDefault("60s")
  Duration agentTimeout();

  LeaderElection leaderElection();

  interface LeaderElection {
    /** Name of the coordination.k8s.io Lease the operator replicas compete for. */
    @WithDefault("migratepages-operator")
    String leaseName();

    /** Namespace of the Lease; empty = the namespace of the client (the pod's own in-cluster). */
    Optional<String> leaseNamespace();
  }
}
