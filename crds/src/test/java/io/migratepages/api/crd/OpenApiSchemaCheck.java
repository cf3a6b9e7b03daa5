package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.NodePath;
import java.util.List;

/**
 * The structural part of a CRD's openAPIV3Schema (type, required, pattern, enum, maxLength,
 * additionalProperties, ...) checked by a real JSON-schema validator, using the OpenAPI 3.0 dialect
 * Kubernetes' schemas are written in. Kubernetes' own x-kubernetes-* keywords are not JSON-schema
 * keywords and are ignored here (CEL rules are {@link CelRuleCheck}'s job).
 */
final class OpenApiSchemaCheck {
  private static final int MAX_SHOWN_VALUE = 60;

  private final Schema schema;

  OpenApiSchemaCheck(JsonNode openApiV3Schema) {
    this.schema =
        SchemaRegistry.withDefaultDialect(Dialects.getOpenApi30()).getSchema(openApiV3Schema);
  }

  List<Violation> check(JsonNode object) {
    return schema.validate(object).stream().map(OpenApiSchemaCheck::toViolation).toList();
  }

  /**
   * Whether {@code object} has a wrong type or a value outside an enum somewhere: the API server
   * then skips the CEL rules (its {@code hasBlockingErr}), as they could not be evaluated.
   */
  boolean blocksCelRules(JsonNode object) {
    return schema.validate(object).stream()
        .anyMatch(e -> "type".equals(e.getKeyword()) || "enum".equals(e.getKeyword()));
  }

  private static Violation toViolation(Error error) {
    String path = jsonPath(error.getInstanceLocation());
    if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
      return new Violation(
          JsonPath.field(path, error.getProperty()),
          "Required value: "
              + JsonPath.kubernetesStyle(JsonPath.field(path, error.getProperty()))
              + " must be set");
    }
    return new Violation(path, invalidValue(error.getInstanceNode()) + error.getMessage());
  }

  private static String invalidValue(JsonNode value) {
    if (value == null || !value.isValueNode()) {
      return "";
    }
    String shown = value.toString();
    if (value.isTextual() && value.textValue().length() > MAX_SHOWN_VALUE) {
      String text = value.textValue();
      shown =
          "\"" + text.substring(0, MAX_SHOWN_VALUE) + "...\" (" + text.length() + " characters)";
    }
    return "Invalid value " + shown + ": ";
  }

  private static String jsonPath(NodePath location) {
    String path = JsonPath.ROOT;
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path =
          element instanceof Integer index
              ? JsonPath.index(path, index)
              : JsonPath.field(path, String.valueOf(element));
    }
    return path;
  }
}
