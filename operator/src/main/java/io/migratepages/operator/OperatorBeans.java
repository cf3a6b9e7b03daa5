package io.migratepages.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;

/** CDI producers for what the reconciler needs beyond the Kubernetes client and meter registry. */
@Singleton
public class OperatorBeans {

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * Picked up by quarkus-operator-sdk when leader election is active for the running profile
   * ({@code quarkus.operator-sdk.activate-leader-election-for-profiles}): only the replica holding
   * the Lease reconciles.
   */
  @Produces
  @Singleton
  LeaderElectionConfiguration leaderElection(OperatorConfig config) {
    LeaderElectionConfigurationBuilder builder =
        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(
            config.leaderElection().leaseName());
    config.leaderElection().leaseNamespace().ifPresent(builder::withLeaseNamespace);
    return builder.build();
  }
}
