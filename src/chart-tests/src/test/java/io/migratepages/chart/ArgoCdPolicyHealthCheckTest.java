package io.migratepages.chart;

import static io.migratepages.chart.ArgoCdHealthCheckTest.captured;
import static io.migratepages.chart.ArgoCdHealthCheckTest.check;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migratepages.chart.ArgoCdHealthCheckTest.Health;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The Argo CD health check for NumaPlacementPolicies (files/argocd/numaplacementpolicy-health.lua)
 * run by Debian's Lua 5.1 on policies the operator really wrote (captured by src/e2e's
 * PlacementPolicyE2ETest; see captured-statuses/README.md).
 */
class ArgoCdPolicyHealthCheckTest {
  private static final Path SCRIPT =
      Chart.DIR.resolve("files/argocd/numaplacementpolicy-health.lua");

  @Test
  void aPolicyWithItsPodsInTargetIsHealthy() throws Exception {
    Health health = check(SCRIPT, captured("policy-in-target"));

    assertThat(health).isEqualTo(new Health("Healthy", "PodsInTarget: 1 pod in target"));
  }

  @Test
  void aPolicyMovingOrWaitingWithOffTargetPodsIsStillHealthyAndSaysSo() throws Exception {
    Health health = check(SCRIPT, captured("policy-off-target-cooling-down"));

    assertThat(health.status()).isEqualTo("Healthy");
    assertThat(health.message()).isEqualTo("PodsOffTarget: 1 of 1 pod off target (1 CoolingDown)");
  }

  @Test
  void aPolicyWaitingForTheAgentsReportsIsProgressing() throws Exception {
    Health health = check(SCRIPT, captured("policy-waiting-for-reports"));

    assertThat(health.status()).isEqualTo("Progressing");
    assertThat(health.message()).startsWith("WaitingForReports: none of 1 pod");
  }

  @Test
  void aStalledPolicyIsDegradedWithTheReason() throws Exception {
    ObjectNode policy = (ObjectNode) captured("policy-in-target");
    ArrayNode conditions = (ArrayNode) policy.at("/status/conditions");
    ObjectNode ready = (ObjectNode) conditions.get(0);
    ready.put("status", "False").put("reason", "InvalidSpec").put("message", "spec.target: bad");
    ObjectNode stalled = ready.deepCopy();
    stalled.put("type", "Stalled").put("status", "True");
    conditions.add(stalled);

    Health health = check(SCRIPT, policy);

    assertThat(health).isEqualTo(new Health("Degraded", "InvalidSpec: spec.target: bad"));
  }

  @Test
  void aStatusOfAnEarlierGenerationOrNoneIsProgressing() throws Exception {
    ObjectNode edited = (ObjectNode) captured("policy-in-target");
    ((ObjectNode) edited.get("metadata")).put("generation", 2);
    ObjectNode fresh = (ObjectNode) captured("policy-in-target");
    fresh.remove("status");

    assertThat(check(SCRIPT, edited))
        .isEqualTo(new Health("Progressing", "Waiting for the operator to apply generation 2"));
    assertThat(check(SCRIPT, fresh).status()).isEqualTo("Progressing");
  }
}
