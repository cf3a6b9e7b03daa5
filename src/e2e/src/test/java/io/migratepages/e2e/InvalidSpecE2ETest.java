package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 5: a node spec the CRD's pattern lets through ({@code 3-1}: a range running backwards)
 * is rejected by the operator: Failed, Accepted=False InvalidSpec, a Warning Event, nothing
 * dispatched.
 */
class InvalidSpecE2ETest extends EndToEndTest {

  @Test
  void backwardsRangeIsReportedAsInvalidSpecAndNothingIsDispatched() {
    String ns = namespace("shop");
    assertThat("3-1").as("the CRD's pattern admits it").matches(ApiGroup.NODE_SPEC_PATTERN);
    SimulatedKubeNode a = node("worker-a");
    a.pod(ns, "db-0").run(kubectl);
    startOperator(Duration.ofSeconds(60));
    startAgent(a);

    NumaMigration migration = create(Migrations.byPodName(ns, "bad-range", "db-0", "3-1", "0"));
    NumaMigrationStatus status = awaitPhase(ns, "bad-range", MigrationPhase.Failed);
    capture(ns, "bad-range", "failed-invalid-spec");

    Condition accepted = condition(status, "Accepted");
    assertThat(accepted.getStatus()).isEqualTo("False");
    assertThat(accepted.getReason()).isEqualTo("InvalidSpec");
    assertThat(accepted.getMessage()).contains("spec.fromNodes").contains("3-1");
    assertThat(condition(status, "Ready").getStatus()).isEqualTo("False");
    assertThat(condition(status, "Ready").getReason()).isEqualTo("InvalidSpec");
    assertThat(condition(status, "Progressing").getStatus()).isEqualTo("False");
    assertThat(status.getSummary().getPodsTargeted()).isZero();
    assertThat(status.getSummary().getBytesMoved()).isZero();
    assertThat(status.getPods()).isEmpty();
    assertThat(status.getProgress()).isEqualTo("0/0");

    List<Event> events = awaitEventReasons(migration, "InvalidSpec");
    assertThat(events.get(0).getType()).isEqualTo("Warning");
    assertThat(events.get(0).getMessage()).isEqualTo(accepted.getMessage());

    await("no NodeMigration and no migration for a while")
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(() -> allNodeMigrations().isEmpty() && a.migrator().calls().isEmpty());
  }
}
