package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.RealControlPlane;
import io.migratepages.kubetest.RepoFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every example in {@code examples/} is accepted by the real API server, unknown fields included.
 */
@RealControlPlane
class ExamplesTest {

  @BeforeAll
  static void installCrds(KubernetesClient client) {
    Crds.install(client);
  }

  static List<Path> examples() {
    return RepoFiles.yamlFiles("examples");
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void isAccepted(Path example, KubernetesClient client) throws IOException {
    GenericKubernetesResource resource;
    try (InputStream in = Files.newInputStream(example)) {
      resource = client.getKubernetesSerialization().unmarshal(in, GenericKubernetesResource.class);
    }
    // Strict, as kubectl apply is: a field the schema does not know would be rejected, not dropped.
    GenericKubernetesResource created =
        client.resource(resource).fieldValidation(Validation.STRICT).create();
    try {
      assertThat(created.getMetadata().getUid()).isNotBlank();
      // Everything the example says is kept as written (the server may only add defaults).
      assertThat((Map<String, Object>) created.getAdditionalProperties().get("spec"))
          .containsAllEntriesOf(
              (Map<String, Object>) resource.getAdditionalProperties().get("spec"));
    } finally {
      client.resource(created).delete();
    }
  }
}
