package io.migratepages.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Small readers for pod specs and containers, so the tests say what they check. */
final class Pods {

  private Pods() {}

  static JsonNode podSpec(JsonNode workload) {
    return workload.at("/spec/template/spec");
  }

  static JsonNode container(JsonNode workload, String name) {
    for (JsonNode c : podSpec(workload).path("containers")) {
      if (name.equals(c.path("name").asText())) {
        return c;
      }
    }
    throw new AssertionError(
        "no container " + name + " in " + workload.at("/metadata/name").asText());
  }

  static JsonNode env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e;
      }
    }
    throw new AssertionError("no env " + name + " in container " + container.path("name").asText());
  }

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  static JsonNode volumeMount(JsonNode container, String name) {
    for (JsonNode m : container.path("volumeMounts")) {
      if (name.equals(m.path("name").asText())) {
        return m;
      }
    }
    throw new AssertionError(
        "no volumeMount " + name + " in container " + container.path("name").asText());
  }

  static JsonNode volume(JsonNode workload, String name) {
    for (JsonNode v : podSpec(workload).path("volumes")) {
      if (name.equals(v.path("name").asText())) {
        return v;
      }
    }
    throw new AssertionError("no volume " + name);
  }
}
