package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.NS;
import static io.migratepages.operator.Fixtures.migration;
import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.runningPod;
import static io.migratepages.operator.Fixtures.selectorSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which pods and containers a NumaMigration targets, read from the API server.
 *
 * <p>Why the mock API server: this module's tests run without the Kubernetes binaries ({@code mvn
 * -pl operator} on any machine, in seconds); the same calls run against the real kube-apiserver in
 * {@code src/e2e} and, under the chart's ServiceAccount, in {@code src/cluster-tests}.
 */
@EnableKubernetesMockClient(crud = true)
class TargetResolverTest {
  private static final Map<String, String> DB = Map.of("app", "db");

  KubernetesClient client;

  private Targets resolve(NumaMigrationSpec spec) {
    return new TargetResolver(client).resolve(migration("m", 1, spec));
  }

  private void create(Pod pod) {
    client.resource(pod).create();
  }

  @Test
  void selectsOnlyPodsOfTheMigrationsNamespace() {
    create(runningPod("db-0", "n1", DB, "app"));
    create(runningPod("db-1", "n2", DB, "app"));
    Pod foreign = runningPod("db-0", "n1", DB, "app");
    foreign.getMetadata().setNamespace("other");
    create(foreign);
    create(runningPod("web-0", "n1", Map.of("app", "web"), "app"));

    Targets targets = resolve(selectorSpec(DB, "all", "1"));

    assertThat(targets.podsByNode()).containsOnlyKeys("n1", "n2");
    assertThat(targets.podsByNode().get("n1"))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.getName()).isEqualTo("db-0");
              assertThat(p.getUid())
                  .isEqualTo(
                      client.pods().inNamespace(NS).withName("db-0").get().getMetadata().getUid());
              assertThat(p.getQosClass()).isEqualTo("Guaranteed");
            });
    assertThat(targets.notRunnable()).isEmpty();
  }

  @Test
  void podNameInAnotherNamespaceIsNoMatch() {
    Pod foreign = runningPod("db-0", "n1", DB, "app");
    foreign.getMetadata().setNamespace("other");
    create(foreign);

    Targets targets = resolve(podSpec("db-0", "all", "1"));

    assertThat(targets.isEmpty()).isTrue();
    assertThat(targets.what()).isEqualTo("pod db-0 in namespace " + NS);
  }

  @Test
  void aStaticPodIsTargetedByTheUidItsCgroupCarries() {
    Pod mirror = runningPod("etcd-n1", "n1", DB, "etcd");
    mirror.getMetadata().setAnnotations(Map.of(TargetResolver.MIRROR_ANNOTATION, "f00dcafe"));
    create(mirror);
    create(runningPod("db-0", "n1", DB, "app"));
    String db0Uid = client.pods().inNamespace(NS).withName("db-0").get().getMetadata().getUid();

    Targets targets = resolve(selectorSpec(DB, "all", "1"));

    assertThat(targets.podsByNode().get("n1"))
        .extracting(TargetPod::getName, TargetPod::getUid)
        .containsExactlyInAnyOrder(tuple("etcd-n1", "f00dcafe"), tuple("db-0", db0Uid));
  }

  @Test
  void podNameSelectsThatPod() {
    create(runningPod("db-0", "n1", DB, "app"));
    create(runningPod("db-1", "n1", DB, "app"));

    Targets targets = resolve(podSpec("db-1", "all", "1"));

    assertThat(targets.podsByNode().get("n1"))
        .extracting(TargetPod::getName)
        .containsExactly("db-1");
  }

  @Test
  void podsNotRunningOrNotScheduledAreReportedFailed() {
    Pod unscheduled = runningPod("db-0", null, DB, "app");
    unscheduled.getStatus().setPhase("Pending");
    Pod finished = runningPod("db-1", "n1", DB, "app");
    finished.getStatus().setPhase("Succeeded");
    create(unscheduled);
    create(finished);
    create(runningPod("db-2", "n1", DB, "app"));

    Targets targets = resolve(selectorSpec(DB, "all", "1"));

    assertThat(targets.notRunnable())
        .extracting(
            PodMigrationStatus::getName,
            PodMigrationStatus::getPhase,
            PodMigrationStatus::getReason)
        .containsExactly(
            tuple("db-0", MigrationPhase.Failed, PodReason.PodNotScheduled.name()),
            tuple("db-1", MigrationPhase.Failed, PodReason.PodNotRunning.name()));
    assertThat(targets.notRunnable().get(1).getMessage()).contains("phase Succeeded");
    assertThat(targets.notRunnable().get(1).getNode()).isEqualTo("n1");
    assertThat(targets.podsByNode().get("n1"))
        .extracting(TargetPod::getName)
        .containsExactly("db-2");
  }

  @Test
  void defaultContainersAreTheRunningAppContainersNeverInitOrEphemeral() {
    Pod pod = runningPod("db-0", "n1", DB, "app", "sidecar", "crashing");
    pod.getSpec().setInitContainers(List.of(new ContainerBuilder().withName("init").build()));
    pod.getStatus()
        .setInitContainerStatuses(List.of(Fixtures.runningStatus("init", "containerd://init")));
    pod.getStatus()
        .getContainerStatuses()
        .set(
            2,
            new ContainerStatusBuilder()
                .withName("crashing")
                .withNewState()
                .withNewWaiting()
                .withReason("CrashLoopBackOff")
                .endWaiting()
                .endState()
                .build());
    pod.getStatus()
        .setEphemeralContainerStatuses(
            List.of(Fixtures.runningStatus("debug", "containerd://dbg")));
    create(pod);

    Targets targets = resolve(podSpec("db-0", "all", "1"));

    assertThat(targets.podsByNode().get("n1").get(0).getContainers())
        .containsExactly(
            new TargetContainer("app", "containerd://db-0-app"),
            new TargetContainer("sidecar", "containerd://db-0-sidecar"));
  }

  @Test
  void explicitContainersAreUsedInTheirOrder() {
    create(runningPod("db-0", "n1", DB, "app", "sidecar"));
    NumaMigrationSpec spec = podSpec("db-0", "all", "1");
    spec.setContainers(List.of("sidecar"));

    Targets targets = resolve(spec);

    assertThat(targets.podsByNode().get("n1").get(0).getContainers())
        .containsExactly(new TargetContainer("sidecar", "containerd://db-0-sidecar"));
  }

  @Test
  void unknownContainerFailsThePodListingItsContainers() {
    create(runningPod("db-0", "n1", DB, "app", "sidecar"));
    NumaMigrationSpec spec = podSpec("db-0", "all", "1");
    spec.setContainers(List.of("app", "postgres"));

    Targets targets = resolve(spec);

    assertThat(targets.podsByNode()).isEmpty();
    PodMigrationStatus failed = targets.notRunnable().get(0);
    assertThat(failed.getReason()).isEqualTo(PodReason.ContainerNotFound.name());
    assertThat(failed.getMessage())
        .isEqualTo("pod db-0 has no container postgres; its containers: app, sidecar");
  }

  @Test
  void aPodWithoutRunningContainersIsReported() {
    Pod pod =
        new PodBuilder(runningPod("db-0", "n1", DB, "app"))
            .editStatus()
            .withContainerStatuses(
                new ContainerStatusBuilder()
                    .withName("app")
                    .withNewState()
                    .withNewWaiting()
                    .withReason("ContainerCreating")
                    .endWaiting()
                    .endState()
                    .build())
            .endStatus()
            .build();
    create(pod);

    Targets targets = resolve(podSpec("db-0", "all", "1"));
    NumaMigrationSpec explicit = podSpec("db-0", "all", "1");
    explicit.setContainers(List.of("app"));
    Targets explicitTargets = resolve(explicit);

    assertThat(targets.notRunnable().get(0).getReason())
        .isEqualTo(PodReason.ContainerNotRunning.name());
    assertThat(explicitTargets.notRunnable().get(0).getMessage())
        .isEqualTo("container app (waiting: ContainerCreating) of pod db-0 is not running");
  }

  @Test
  void terminatingPodsAreNotMigrated() {
    Pod pod = runningPod("db-0", "n1", DB, "app");
    pod.getMetadata().setFinalizers(List.of("example.com/hold"));
    create(pod);
    client.pods().inNamespace(NS).withName("db-0").delete();

    Targets targets = resolve(podSpec("db-0", "all", "1"));

    assertThat(targets.notRunnable())
        .singleElement()
        .satisfies(p -> assertThat(p.getMessage()).isEqualTo("pod db-0 is being deleted"));
  }

  @Test
  void describesSelectorsLikeKubectl() {
    NumaMigrationSpec spec = selectorSpec(Map.of("tier", "a", "app", "db"), "all", "1");
    spec.getSelector()
        .setMatchExpressions(
            List.of(
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder()
                    .withKey("zone")
                    .withOperator("In")
                    .withValues("x", "y")
                    .build(),
                new io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder()
                    .withKey("canary")
                    .withOperator("DoesNotExist")
                    .build()));

    assertThat(TargetResolver.describe(spec.getSelector()))
        .isEqualTo("app=db,tier=a,zone in (x,y),!canary");
    assertThat(resolve(spec).what()).startsWith("pods matching app=db,tier=a");
  }
}
