package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Drops fields the structural schema does not declare, as the API server does before storing a
 * custom resource; apiVersion, kind and metadata of the root are always kept. Returns the paths of
 * the fields it dropped.
 */
final class StructuralPruning {
  private static final Set<String> ROOT_FIELDS = Set.of("apiVersion", "kind", "metadata");

  static List<String> prune(JsonNode object, JsonNode rootSchema) {
    List<String> pruned = new ArrayList<>();
    SchemaWalk.walk(
        object,
        rootSchema,
        JsonPath.ROOT,
        (value, schema, path) -> {
          if (!value.isObject()
              || schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
              || schema.has("additionalProperties")) {
            return;
          }
          JsonNode properties = schema.path("properties");
          List<String> unknown = new ArrayList<>();
          value
              .fieldNames()
              .forEachRemaining(
                  name -> {
                    boolean kept =
                        properties.has(name)
                            || (path.equals(JsonPath.ROOT) && ROOT_FIELDS.contains(name));
                    if (!kept) {
                      unknown.add(name);
                    }
                  });
          for (String name : unknown) {
            ((ObjectNode) value).remove(name);
            pruned.add(JsonPath.field(path, name));
          }
        });
    return pruned;
  }

  private StructuralPruning() {}
}
