package io.migratepages.operator;

import static org.assertj.core.api.Assertions.assertThat;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OperatorBeansTest {

  private static OperatorConfig config(String leaseName, Optional<String> namespace) {
    return new OperatorConfig() {
      @Override
      public Duration agentTimeout() {
        return DEFAULT_AGENT_TIMEOUT;
      }

      @Override
      public LeaderElection leaderElection() {
        return new LeaderElection() {
          @Override
          public String leaseName() {
            return leaseName;
          }

          @Override
          public Optional<String> leaseNamespace() {
            return namespace;
          }
        };
      }
    };
  }

  @Test
  void leaseComesFromTheConfiguration() {
    LeaderElectionConfiguration election =
        new OperatorBeans()
            .leaderElection(config("migratepages-operator", Optional.of("migratepages-system")));

    assertThat(election.getLeaseName()).isEqualTo("migratepages-operator");
    assertThat(election.getLeaseNamespace()).contains("migratepages-system");
  }

  @Test
  void withoutANamespaceTheClientsOwnIsUsed() {
    LeaderElectionConfiguration election =
        new OperatorBeans().leaderElection(config("lease", Optional.empty()));

    assertThat(election.getLeaseNamespace()).isEmpty();
  }
}
