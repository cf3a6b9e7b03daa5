package io.migratepages.images;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.migratepages.api.v1alpha1.ConditionReason;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator archive unpacked and started by runc as the chart runs it (the image's non-root
 * user, no capabilities, read-only root, /tmp an empty host directory) against a real
 * kube-apiserver: it must answer its liveness probe, win its leader-election Lease and reconcile a
 * NumaMigration.
 */
@RealControlPlane
class OperatorImageSmokeTest {

  private static final ResourceDefinitionContext NUMA_MIGRATIONS =
      new ResourceDefinitionContext.Builder()
          .withGroup("migratepages.io")
          .withVersion("v1alpha1")
          .withKind("NumaMigration")
          .withPlural("numamigrations")
          .withNamespaced(true)
          .build();

  @Test
  void runsAsItsNonRootUserOnAReadOnlyRootAndReconcilesANumaMigration(
      KubeLocal kube, KubernetesClient client) throws Exception {
    Crds.install(client);
    for (String ns : List.of("migratepages", "image-smoke")) {
      client
          .namespaces()
          .resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build())
          .serverSideApply();
    }
    ImageArchive image = ImageArchive.named("migratepages-operator.tar");
    int port = RuncContainer.freePort();
    RuncBundle bundle =
        SmokeBundles.unpack(image, "operator", kube)
            .env("POD_NAMESPACE", "migratepages")
            .env("POD_NAME", "operator-smoke")
            .env("MIGRATEPAGES_AGENT_TIMEOUT", "60s")
            .env("QUARKUS_LOG_LEVEL", "INFO")
            .env("QUARKUS_HTTP_PORT", Integer.toString(port));

    try (RuncContainer operator =
        RuncContainer.run(bundle, "migratepages-operator-smoke-" + ProcessHandle.current().pid())) {
      await(
              "the operator's liveness endpoint; log so far in "
                  + bundle.dir.resolve("container.log"))
          .atMost(Duration.ofMinutes(3))
          .pollInterval(Duration.ofSeconds(1))
          .failFast("the operator exited (its log is printed below)", () -> !operator.isRunning())
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                assertThat(operator.isRunning())
                    .as("the operator exited:\n%s", operator.log())
                    .isTrue();
                HttpResponse<String> live = RuncContainer.get(port, "/q/health/live");
                assertThat(live.statusCode()).isEqualTo(200);
              });

      GenericKubernetesResource migration = new GenericKubernetesResource();
      migration.setApiVersion("migratepages.io/v1alpha1");
      migration.setKind("NumaMigration");
      migration.setMetadata(
          new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
              .withName("no-such-pod")
              .withNamespace("image-smoke")
              .build());
      migration.setAdditionalProperty(
          "spec", Map.of("podName", "no-such-pod", "fromNodes", "0", "toNodes", "1"));
      client
          .genericKubernetesResources(NUMA_MIGRATIONS)
          .inNamespace("image-smoke")
          .resource(migration)
          .create();

      await(
              "the operator in the image reconciling NumaMigration image-smoke/no-such-pod; log in "
                  + bundle.dir.resolve("container.log"))
          .atMost(Duration.ofMinutes(2))
          .untilAsserted(
              () -> {
                assertThat(operator.isRunning())
                    .as("the operator exited:\n%s", operator.log())
                    .isTrue();
                GenericKubernetesResource current =
                    client
                        .genericKubernetesResources(NUMA_MIGRATIONS)
                        .inNamespace("image-smoke")
                        .withName("no-such-pod")
                        .get();
                assertThat(String.valueOf(current.getAdditionalProperties().get("status")))
                    .contains("reason=" + ConditionReason.NoMatchingPods.name());
              });
      assertThat(RuncContainer.get(port, "/q/metrics").body()).contains("jvm_memory_used_bytes");
      System.out.println(
          "operator smoke run, written to /tmp: "
              + AgentImageSmokeTest.writtenTo(bundle.dir.resolve("emptydir-tmp")));
    }
  }
}
