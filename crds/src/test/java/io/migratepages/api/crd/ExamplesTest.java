package io.migratepages.api.crd;

import static io.migratepages.api.crd.AdmissionAssertions.assertAccepted;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.migratepages.api.v1alpha1.NumaMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Every file in examples/ is ready to apply: kubectl and the API server would accept it. */
class ExamplesTest {
  private static final Path EXAMPLES = CrdFiles.repositoryDir().resolve("examples");

  private static final Map<String, ApiServerAdmission> BY_KIND =
      CrdFiles.KINDS.stream()
          .map(ApiServerAdmission::forKind)
          .collect(Collectors.toMap(ApiServerAdmission::kind, Function.identity()));

  private static List<Path> exampleFiles() throws IOException {
    try (Stream<Path> files = Files.list(EXAMPLES)) {
      return files.filter(p -> !p.getFileName().toString().endsWith(".md")).sorted().toList();
    }
  }

  @Test
  void theDocumentedExamplesExist() throws IOException {
    assertThat(exampleFiles())
        .extracting(p -> p.getFileName().toString())
        .contains(
            "numamigration-pod.yaml",
            "numamigration-selector.yaml",
            "numamigration-local.yaml",
            "demo-numamigration.yaml",
            "numaplacementpolicy.yaml");
  }

  @TestFactory
  Stream<DynamicTest> everyExampleIsAcceptedByTheApiServer() throws IOException {
    return exampleFiles().stream()
        .map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> check(file)));
  }

  private static void check(Path file) throws IOException {
    assertThat(file.getFileName().toString()).as("examples are YAML files").matches(".*\\.ya?ml");
    List<JsonNode> documents = CrdYaml.readAll(Files.readString(file));
    assertThat(documents).as(file + " has objects").isNotEmpty();
    for (JsonNode document : documents) {
      String kind = document.path("kind").asText();
      ApiServerAdmission api = BY_KIND.get(kind);
      assertThat(api).as(file + ": kind " + kind + " is one of " + BY_KIND.keySet()).isNotNull();

      Admission admission = api.create(document, FieldValidation.STRICT);
      assertAccepted(admission);
      assertThat(admission.warnings()).isEmpty();
      HasMetadata object = Serialization.unmarshal(document.toString(), classOf(kind));
      assertThat(object.getMetadata().getName()).isNotBlank();
    }
  }

  private static Class<? extends HasMetadata> classOf(String kind) {
    return CrdFiles.KINDS.stream()
        .filter(type -> type.getSimpleName().equals(kind))
        .findFirst()
        .orElseThrow();
  }

  /** bin/demo depends on exactly this migration. */
  @Test
  void demoMovesPodDemoAppInDefaultFromNode0To1() throws IOException {
    NumaMigration demo =
        Serialization.unmarshal(
            Files.readString(EXAMPLES.resolve("demo-numamigration.yaml")), NumaMigration.class);

    assertThat(demo.getMetadata().getNamespace()).isEqualTo("default");
    assertThat(demo.getSpec().getPodName()).isEqualTo("demo-app");
    assertThat(demo.getSpec().getSelector()).isNull();
    assertThat(demo.getSpec().getFromNodes()).isEqualTo("0");
    assertThat(demo.getSpec().getToNodes()).isEqualTo("1");
  }

  @Test
  void selectorExampleMovesNodes0To1OntoNodes2To3ForListedContainers() throws IOException {
    NumaMigration example =
        Serialization.unmarshal(
            Files.readString(EXAMPLES.resolve("numamigration-selector.yaml")), NumaMigration.class);

    assertThat(example.getSpec().getPodName()).isNull();
    assertThat(example.getSpec().getSelector().getMatchLabels()).isNotEmpty();
    assertThat(example.getSpec().getContainers()).isNotEmpty();
    assertThat(example.getSpec().getFromNodes()).isEqualTo("0-1");
    assertThat(example.getSpec().getToNodes()).isEqualTo("2-3");
  }

  @Test
  void localExampleMovesEachProcessNextToItsCpusFromEveryOtherNode() throws IOException {
    NumaMigration example =
        Serialization.unmarshal(
            Files.readString(EXAMPLES.resolve("numamigration-local.yaml")), NumaMigration.class);

    assertThat(example.getSpec().getToNodes()).isEqualTo("local");
    assertThat(
            CrdYaml.read(Files.readString(EXAMPLES.resolve("numamigration-local.yaml")))
                .at("/spec")
                .has("fromNodes"))
        .as("fromNodes is left to its default, all")
        .isFalse();
  }

  /** The admission check is not a rubber stamp: a broken copy of an example is refused. */
  @Test
  void aBrokenExampleWouldBeRejected() throws IOException {
    JsonNode example = CrdYaml.read(Files.readString(EXAMPLES.resolve("numamigration-pod.yaml")));
    ((com.fasterxml.jackson.databind.node.ObjectNode) example.get("spec")).put("toNodes", "1-");

    Admission admission = BY_KIND.get("NumaMigration").create(example, FieldValidation.STRICT);

    assertThat(admission.violations())
        .extracting(Violation::field)
        .containsExactly("$.spec.toNodes");
  }
}
