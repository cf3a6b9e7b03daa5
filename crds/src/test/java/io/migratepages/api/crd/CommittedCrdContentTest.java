package io.migratepages.api.crd;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.fabric8.kubernetes.api.model.apiextensions.v1.ValidationRule;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NumaMigration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What users and kubectl rely on is really in the committed CRDs (both copies). */
class CommittedCrdContentTest {

  private static List<CustomResourceDefinition> committed(Class<? extends HasMetadata> type)
      throws IOException {
    List<CustomResourceDefinition> crds = new ArrayList<>();
    for (Path path : CrdFiles.committedCopies(type)) {
      crds.add(Serialization.unmarshal(Files.readString(path), CustomResourceDefinition.class));
    }
    return crds;
  }

  private static CustomResourceDefinitionVersion onlyVersion(CustomResourceDefinition crd) {
    assertThat(crd.getSpec().getVersions()).hasSize(1);
    return crd.getSpec().getVersions().get(0);
  }

  private static JSONSchemaProps spec(CustomResourceDefinition crd) {
    return onlyVersion(crd).getSchema().getOpenAPIV3Schema().getProperties().get("spec");
  }

  @Test
  void numaMigrationCrd() throws IOException {
    for (CustomResourceDefinition crd : committed(NumaMigration.class)) {
      assertThat(crd.getMetadata().getName()).isEqualTo("numamigrations.migratepages.io");
      assertThat(crd.getSpec().getGroup()).isEqualTo(ApiGroup.GROUP);
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(crd.getSpec().getNames().getKind()).isEqualTo("NumaMigration");
      assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("numamig", "nmig");

      CustomResourceDefinitionVersion version = onlyVersion(crd);
      assertThat(version.getName()).isEqualTo(ApiGroup.VERSION);
      assertThat(version.getServed()).isTrue();
      assertThat(version.getStorage()).isTrue();
      assertThat(version.getSubresources().getStatus()).isNotNull();
      assertThat(version.getAdditionalPrinterColumns())
          .extracting(
              CustomResourceColumnDefinition::getName, CustomResourceColumnDefinition::getJsonPath)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("Phase", ".status.phase"),
              org.assertj.core.groups.Tuple.tuple("From", ".spec.fromNodes"),
              org.assertj.core.groups.Tuple.tuple("To", ".spec.toNodes"),
              org.assertj.core.groups.Tuple.tuple("Pods", ".status.progress"),
              org.assertj.core.groups.Tuple.tuple("Moved", ".status.moved"),
              org.assertj.core.groups.Tuple.tuple("Longest Pause", ".status.longestPause"),
              org.assertj.core.groups.Tuple.tuple("Age", ".metadata.creationTimestamp"));

      assertThat(version.getSchema().getOpenAPIV3Schema().getRequired()).containsExactly("spec");
      JSONSchemaProps spec = spec(crd);
      assertThat(spec.getRequired()).containsExactly("toNodes");
      assertThat(spec.getXKubernetesValidations())
          .extracting(ValidationRule::getRule, ValidationRule::getMessage)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  "has(self.podName) != has(self.selector)",
                  "exactly one of spec.podName or spec.selector must be set"),
              org.assertj.core.groups.Tuple.tuple(
                  "(has(self.mode) && self.mode == 'Bounded')"
                      + " || (!has(self.maxPausePerCall) && !has(self.rateLimit))",
                  ApiGroup.BOUNDED_ONLY));
      Map<String, JSONSchemaProps> fields = spec.getProperties();
      assertThat(fields.get("toNodes").getPattern()).isEqualTo(ApiGroup.NODE_SPEC_PATTERN);
      assertThat(fields.get("fromNodes").getPattern()).isEqualTo(ApiGroup.SOURCE_NODE_SPEC_PATTERN);
      assertThat(fields.get("fromNodes").getDefault().asText()).isEqualTo("all");
      assertThat(fields.get("podName").getPattern()).isEqualTo("^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$");
      assertThat(fields.get("podName").getMaxLength()).isEqualTo(253L);
    }
  }

  @Test
  void nodeMigrationCrd() throws IOException {
    for (CustomResourceDefinition crd : committed(NodeMigration.class)) {
      assertThat(crd.getMetadata().getName()).isEqualTo("nodemigrations.migratepages.io");
      assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
      assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("nodemig");
      CustomResourceDefinitionVersion version = onlyVersion(crd);
      assertThat(version.getSubresources().getStatus()).isNotNull();
      assertThat(version.getAdditionalPrinterColumns())
          .extracting(CustomResourceColumnDefinition::getName)
          .containsExactly("Node", "Phase", "Agent", "Age");
      assertThat(version.getSchema().getOpenAPIV3Schema().getRequired()).containsExactly("spec");
      JSONSchemaProps spec = spec(crd);
      assertThat(spec.getRequired())
          .containsExactlyInAnyOrder("nodeName", "migrationName", "fromNodes", "toNodes");
      assertThat(spec.getProperties().get("toNodes").getPattern())
          .isEqualTo(ApiGroup.NODE_SPEC_PATTERN);
      assertThat(spec.getProperties().get("fromNodes").getPattern())
          .isEqualTo(ApiGroup.SOURCE_NODE_SPEC_PATTERN);
    }
  }

  /** kube-apiserver refuses v1 CRDs whose schema is not structural: every node needs a type. */
  @Test
  void schemasAreStructural() throws IOException {
    for (Class<? extends HasMetadata> type : CrdFiles.KINDS) {
      for (CustomResourceDefinition crd : committed(type)) {
        List<String> untyped = new ArrayList<>();
        collectUntyped(onlyVersion(crd).getSchema().getOpenAPIV3Schema(), "$", untyped);
        assertThat(untyped).as(type.getSimpleName() + " schema nodes without a type").isEmpty();
      }
    }
  }

  private static void collectUntyped(JSONSchemaProps schema, String path, List<String> untyped) {
    boolean exempt =
        Boolean.TRUE.equals(schema.getXKubernetesPreserveUnknownFields())
            || Boolean.TRUE.equals(schema.getXKubernetesIntOrString());
    if (!exempt && (schema.getType() == null || schema.getType().isEmpty())) {
      untyped.add(path);
    }
    if (schema.getProperties() != null) {
      schema
          .getProperties()
          .forEach((name, child) -> collectUntyped(child, path + "." + name, untyped));
    }
    if (schema.getItems() != null && schema.getItems().getSchema() != null) {
      collectUntyped(schema.getItems().getSchema(), path + "[*]", untyped);
    }
    if (schema.getAdditionalProperties() != null
        && schema.getAdditionalProperties().getSchema() != null) {
      collectUntyped(schema.getAdditionalProperties().getSchema(), path + "[*]", untyped);
    }
  }
}
