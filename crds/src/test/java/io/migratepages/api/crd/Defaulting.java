package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Applies the schema's {@code default}s as the API server does after pruning: a null in a field
 * that is not nullable is dropped, then every absent field with a default gets it. Defaults only
 * apply inside objects that are present.
 */
final class Defaulting {
  static void apply(JsonNode object, JsonNode rootSchema) {
    SchemaWalk.walk(
        object,
        rootSchema,
        JsonPath.ROOT,
        (value, schema, path) -> {
          if (!value.isObject()) {
            return;
          }
          ObjectNode fields = (ObjectNode) value;
          for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            String name = property.getKey();
            JsonNode propertySchema = property.getValue();
            if (fields.path(name).isNull() && !propertySchema.path("nullable").asBoolean(false)) {
              fields.remove(name);
            }
            if (!fields.has(name) && propertySchema.has("default")) {
              fields.set(name, propertySchema.get("default").deepCopy());
            }
          }
        });
  }

  private Defaulting() {}
}
