package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.RealControlPlane;
import io.migratepages.kubetest.RepoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The generated CRDs on a real kube-apiserver: structural, CEL rules compiled, served with our
 * columns.
 */
@RealControlPlane
class CustomResourceDefinitionsTest {

  @Test
  void everyCommittedCrdIsAcceptedAndEstablished(KubernetesClient client) {
    List<CustomResourceDefinition> installed = Crds.install(client);

    assertThat(installed)
        .extracting(crd -> crd.getMetadata().getName())
        .containsExactlyInAnyOrder(
            "nodemigrations.migratepages.io",
            "nodenumareports.migratepages.io",
            "numamigrations.migratepages.io",
            "numaplacementpolicies.migratepages.io");
    for (CustomResourceDefinition crd : installed) {
      assertThat(Crds.hasCondition(crd, "NamesAccepted"))
          .as("NamesAccepted of %s: %s", crd.getMetadata().getName(), Crds.conditions(crd))
          .isTrue();
      assertThat(Crds.hasCondition(crd, "NonStructuralSchema"))
          .as("NonStructuralSchema of %s: %s", crd.getMetadata().getName(), Crds.conditions(crd))
          .isFalse();
    }
  }

  /** What {@code kubectl get numamigrations} prints: the API server's Table for the resource. */
  @Test
  void numaMigrationsListWithThePrinterColumns(KubernetesClient client) throws Exception {
    Crds.install(client);
    GenericKubernetesResource example;
    try (InputStream in =
        Files.newInputStream(RepoFiles.repo().resolve("examples/numamigration-pod.yaml"))) {
      example =
          client
              .resource(
                  client
                      .getKubernetesSerialization()
                      .unmarshal(in, GenericKubernetesResource.class))
              .create();
    }
    try {
      JsonNode table =
          table(client, "apis/migratepages.io/v1alpha1/namespaces/default/numamigrations");

      List<String> columns = new ArrayList<>();
      table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
      assertThat(columns)
          .containsExactly("Name", "Phase", "From", "To", "Pods", "Moved", "Longest Pause", "Age");
      JsonNode row = table.path("rows").get(0);
      assertThat(row.path("cells").get(0).asText()).isEqualTo("move-db-0");
      assertThat(row.path("cells").get(2).asText()).isEqualTo("0");
      assertThat(row.path("cells").get(3).asText()).isEqualTo("1");
    } finally {
      client.resource(example).delete();
    }
  }

  /** What {@code kubectl get numaplacementpolicies} prints, before the operator wrote a status. */
  @Test
  void placementPoliciesListWithThePrinterColumns(KubernetesClient client) throws Exception {
    Crds.install(client);
    GenericKubernetesResource example;
    try (InputStream in =
        Files.newInputStream(RepoFiles.repo().resolve("examples/numaplacementpolicy.yaml"))) {
      example =
          client
              .resource(
                  client
                      .getKubernetesSerialization()
                      .unmarshal(in, GenericKubernetesResource.class))
              .create();
    }
    try {
      JsonNode table =
          table(client, "apis/migratepages.io/v1alpha1/namespaces/default/numaplacementpolicies");

      List<String> columns = new ArrayList<>();
      table.path("columnDefinitions").forEach(c -> columns.add(c.path("name").asText()));
      assertThat(columns)
          .containsExactly(
              "Name",
              "Target",
              "Ready",
              "Pods",
              "In Target",
              "Off Target",
              "Moving",
              "Last Action",
              "Age");
      JsonNode row = table.path("rows").get(0);
      assertThat(row.path("cells").get(0).asText()).isEqualTo("keep-db-local");
      assertThat(row.path("cells").get(1).asText()).isEqualTo("local");
    } finally {
      client.resource(example).delete();
    }
  }

  /**
   * What {@code kubectl explain numamigration.spec.mode} prints: kubectl reads the field from the
   * API server's OpenAPI v3 document of the group (no kubectl binary in the test's cache, so the
   * test reads the same document).
   */
  @Test
  void explainDescribesTheMoveModeFields(KubernetesClient client) throws Exception {
    Crds.install(client);
    // The API server publishes a new CRD's schema (404 until then) a moment after it is
    // established.
    JsonNode openApi = com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    for (int attempt = 0; attempt < 120 && !numaMigrationSpec(openApi).has("mode"); attempt++) {
      Thread.sleep(500);
      openApi = get(client, "openapi/v3/apis/migratepages.io/v1alpha1");
    }
    JsonNode spec = numaMigrationSpec(openApi);

    JsonNode mode = spec.path("mode");
    assertThat(mode.path("description").asText())
        .startsWith("How the pages move. Whole (default): one migrate_pages call per process")
        .contains("Bounded: move_pages calls in batches");
    assertThat(mode.path("default").asText()).isEqualTo("Whole");
    assertThat(mode.path("enum"))
        .extracting(JsonNode::asText)
        .containsExactlyInAnyOrder("Whole", "Bounded");
    assertThat(spec.path("maxPausePerCall").path("description").asText())
        .contains("from 100us to 10s");
    assertThat(spec.path("rateLimit").path("description").asText()).contains("200Mi");
    // kubectl explain numamigration.spec.toNodes / .fromNodes
    assertThat(spec.path("toNodes").path("description").asText())
        .contains("or local")
        .contains("local: the NUMA nodes (with memory) of the CPUs each process may run on")
        .contains("nothing to move");
    assertThat(spec.path("fromNodes").path("description").asText())
        .contains(
            "With toNodes local, all means every NUMA node with memory outside each process's"
                + " local nodes");
  }

  private static JsonNode numaMigrationSpec(JsonNode openApi) {
    return openApi
        .path("components")
        .path("schemas")
        .path("io.migratepages.v1alpha1.NumaMigration")
        .path("properties")
        .path("spec")
        .path("properties");
  }

  private static JsonNode get(KubernetesClient client, String path) throws Exception {
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder().uri(client.getMasterUrl().toString() + path).build();
    HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    if (response.code() == 404) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    assertThat(response.code()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return new ObjectMapper().readTree(response.body());
  }

  private static JsonNode table(KubernetesClient client, String path) throws Exception {
    HttpClient http = client.getHttpClient();
    HttpRequest request =
        http.newHttpRequestBuilder()
            .uri(client.getMasterUrl().toString() + path)
            .header("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io")
            .build();
    HttpResponse<String> response = http.sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
    assertThat(response.code()).as("GET %s as a Table: %s", path, response.body()).isEqualTo(200);
    try {
      return new ObjectMapper().readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
