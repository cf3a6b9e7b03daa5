package io.migratepages.kubectl;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.fabric8.kubernetes.client.utils.Serialization;

/** -o json: one pretty-printed JSON document. */
final class Json {
  private Json() {}

  static String of(Object value) {
    try {
      return Serialization.jsonMapper().writerWithDefaultPrettyPrinter().writeValueAsString(value)
          + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON: " + e.getMessage(), e);
    }
  }
}
