package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Visits an object and its structural schema side by side, parent before children, the way the API
 * server's pruning, defaulting and CEL validation walk it. Children are read after the parent was
 * visited, so a visitor may add or remove a parent's fields.
 */
final class SchemaWalk {
  interface Visitor {
    void visit(JsonNode value, JsonNode schema, String path);
  }

  static void walk(JsonNode value, JsonNode schema, String path, Visitor visitor) {
    if (value == null || value.isMissingNode() || schema == null || schema.isMissingNode()) {
      return;
    }
    visitor.visit(value, schema, path);
    if (value.isObject()) {
      JsonNode properties = schema.path("properties");
      JsonNode additional = schema.path("additionalProperties");
      List<Map.Entry<String, JsonNode>> fields = new ArrayList<>();
      value.fields().forEachRemaining(fields::add);
      for (Map.Entry<String, JsonNode> field : fields) {
        JsonNode fieldSchema =
            properties.has(field.getKey()) ? properties.get(field.getKey()) : additional;
        if (fieldSchema.isObject()) {
          walk(field.getValue(), fieldSchema, JsonPath.field(path, field.getKey()), visitor);
        }
      }
    } else if (value.isArray()) {
      JsonNode items = schema.path("items");
      for (int i = 0; i < value.size(); i++) {
        walk(value.get(i), items, JsonPath.index(path, i), visitor);
      }
    }
  }

  private SchemaWalk() {}
}
