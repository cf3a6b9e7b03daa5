package io.migratepages.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** values.schema.json (and the templates' own checks) refuse what the chart must never render. */
class ValuesSchemaTest {

  @Test
  void agentPrivilegedIsNotEvenOffered() {
    assertThat(Chart.renderError("agent.privileged=true"))
        .contains("/agent")
        .contains("privileged")
        .contains("not allowed");
  }

  @Test
  void agentSecurityContextCannotBeOverridden() {
    assertThat(Chart.renderErrorWithValues("agent:\n  securityContext:\n    privileged: true\n"))
        .contains("securityContext")
        .contains("not allowed");
  }

  @Test
  void seccompTypeMustBeUnconfinedOrLocalhost() {
    assertThat(Chart.renderError("agent.seccompProfile.type=Bogus"))
        .contains("/agent/seccompProfile/type")
        .contains("Unconfined")
        .contains("Localhost");
    assertThat(Chart.renderError("agent.seccompProfile.type=RuntimeDefault"))
        .contains("/agent/seccompProfile/type");
  }

  @Test
  void localhostSeccompNeedsAProfilePath() {
    assertThat(Chart.renderError("agent.seccompProfile.type=Localhost"))
        .contains("/agent/seccompProfile/localhostProfile");
  }

  @Test
  void unknownKeysAreTyposNotSilentlyIgnored() {
    assertThat(Chart.renderError("operator.replica=2")).contains("/operator").contains("replica");
    assertThat(Chart.renderError("agents.logLevel=DEBUG")).contains("agents");
  }

  @Test
  void imagesNeedARepository() {
    assertThat(Chart.renderError("image.agent.repository=")).contains("/image/agent/repository");
  }

  @Test
  void digestMustBeASha256() {
    assertThat(Chart.renderError("image.operator.digest=latest"))
        .contains("/image/operator/digest");
  }

  @Test
  void agentTimeoutMustBeADuration() {
    assertThat(Chart.renderError("operator.agentTimeout=soon")).contains("/operator/agentTimeout");
  }

  @Test
  void operatorMustNotRunAsRoot() {
    assertThat(Chart.renderError("operator.runAsUser=0")).contains("/operator/runAsUser");
  }

  @Test
  void leaderElectionCannotBeSwitchedOff() {
    // The operator always elects a leader; a knob it would not honour must not exist.
    assertThat(Chart.renderError("operator.leaderElection.enabled=false"))
        .contains("leaderElection");
  }

  @Test
  void serviceAccountNameIsRequiredWhenNotCreated() {
    assertThat(Chart.renderError("agent.serviceAccount.create=false"))
        .contains("agent.serviceAccount.name is required");
  }

  @Test
  void serviceMonitorNeedsTheMetricsService() {
    assertThat(
            Chart.renderError(
                "operator.metrics.serviceMonitor.enabled=true",
                "operator.metrics.service.enabled=false"))
        .contains("operator.metrics.service.enabled");
  }

  @Test
  void tooOldKubernetesIsRefused() {
    assertThat(Chart.renderErrorForKubeVersion("1.24.0")).contains(">=1.25.0-0");
  }
}
