package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Scenario 6: a NumaMigration only ever targets pods of its own namespace. Naming a pod that exists
 * only in another namespace dispatches nothing and says so in the NumaMigration's status.
 */
class NamespaceIsolationE2ETest extends EndToEndTest {

  @Test
  void podOfAnotherNamespaceIsLeftAlone() {
    String teamA = namespace("team-a");
    String teamB = namespace("team-b");
    SimulatedKubeNode a = node("worker-a");
    SimulatedPod theirs = a.pod(teamB, "db-0").container("db", 32 * MI).run(kubectl);
    Pod before = kubectl.pods().inNamespace(teamB).withName("db-0").get();
    startOperator(Duration.ofSeconds(60));
    startAgent(a);

    NumaMigration migration = create(Migrations.byPodName(teamA, "steal", "db-0", "0", "1"));
    NumaMigrationStatus status = awaitPhase(teamA, "steal", MigrationPhase.Failed);
    capture(teamA, "steal", "failed-no-matching-pods");

    Condition accepted = condition(status, "Accepted");
    assertThat(accepted.getStatus()).isEqualTo("False");
    assertThat(accepted.getReason()).isEqualTo("NoMatchingPods");
    assertThat(accepted.getMessage()).isEqualTo("found no pod db-0 in namespace " + teamA);
    assertThat(condition(status, "Ready").getReason()).isEqualTo("NoMatchingPods");
    assertThat(status.getSummary().getPodsTargeted()).isZero();
    assertThat(status.getPods()).isEmpty();

    List<Event> events = awaitEventReasons(migration, "MigrationFailed");
    assertThat(events.get(0).getType()).isEqualTo("Warning");
    assertThat(events.get(0).getMessage()).contains("NoMatchingPods").contains(teamA);
    assertThat(events.get(0).getMetadata().getNamespace()).isEqualTo(teamA);
    assertThat(kubectl.v1().events().inNamespace(teamB).list().getItems()).isEmpty();

    await("no NodeMigration and no migration for a while")
        .during(Duration.ofSeconds(1))
        .atMost(WAIT)
        .until(() -> allNodeMigrations().isEmpty() && a.migrator().calls().isEmpty());
    Pod after = kubectl.pods().inNamespace(teamB).withName("db-0").get();
    assertThat(after.getMetadata().getResourceVersion())
        .isEqualTo(before.getMetadata().getResourceVersion());
    assertThat(after.getMetadata().getUid()).isEqualTo(theirs.uid());
  }
}
