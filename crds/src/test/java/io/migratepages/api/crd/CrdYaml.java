package io.migratepages.api.crd;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;

/** YAML in and out for CRDs and CRs: one mapper, and a rendering that depends only on content. */
public final class CrdYaml {
  private static final ObjectMapper MAPPER =
      new ObjectMapper(
          YAMLFactory.builder()
              .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
              .disable(YAMLGenerator.Feature.SPLIT_LINES)
              .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
              .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
              .disable(YAMLGenerator.Feature.USE_PLATFORM_LINE_BREAKS)
              .build());

  public static JsonNode read(String yaml) {
    try {
      JsonNode node = MAPPER.readTree(yaml);
      return node == null ? JsonNodeFactory.instance.missingNode() : node;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getOriginalMessage(), e);
    }
  }

  /** Every document of a multi-document YAML stream ("---" separated), empty ones skipped. */
  public static List<JsonNode> readAll(String yaml) {
    try (var parser = MAPPER.createParser(yaml)) {
      List<JsonNode> documents = new ArrayList<>();
      Iterator<JsonNode> it = MAPPER.readValues(parser, JsonNode.class);
      while (it.hasNext()) {
        JsonNode document = it.next();
        if (document != null && !document.isNull() && !document.isMissingNode()) {
          documents.add(document);
        }
      }
      return documents;
    } catch (IOException e) {
      throw new IllegalArgumentException("not valid YAML: " + e.getMessage(), e);
    }
  }

  /** Renders with every mapping's keys sorted, so equal content always gives equal text. */
  public static String render(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(sortedKeys(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode sortedKeys(JsonNode node) {
    if (node.isObject()) {
      TreeMap<String, JsonNode> sorted = new TreeMap<>();
      node.fields().forEachRemaining(e -> sorted.put(e.getKey(), sortedKeys(e.getValue())));
      ObjectNode copy = JsonNodeFactory.instance.objectNode();
      sorted.forEach(copy::set);
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JsonNodeFactory.instance.arrayNode();
      node.forEach(element -> copy.add(sortedKeys(element)));
      return copy;
    }
    return node;
  }

  private CrdYaml() {}
}
