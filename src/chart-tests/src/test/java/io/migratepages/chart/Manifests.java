package io.migratepages.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** The objects of one `helm template` output, parsed as YAML. */
final class Manifests {

  private static final ObjectReader YAML = new YAMLMapper().readerFor(JsonNode.class);
  private static final Set<String> WORKLOAD_KINDS =
      Set.of("Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "Job");

  private final List<JsonNode> objects;

  private Manifests(List<JsonNode> objects) {
    this.objects = List.copyOf(objects);
  }

  static Manifests parse(String multiDocumentYaml) {
    List<JsonNode> objects = new ArrayList<>();
    try (var docs = YAML.<JsonNode>readValues(multiDocumentYaml)) {
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && doc.isObject() && doc.has("kind")) {
          objects.add(doc);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("helm rendered YAML that does not parse", e);
    }
    return new Manifests(objects);
  }

  List<JsonNode> all() {
    return objects;
  }

  List<JsonNode> ofKind(String kind) {
    return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
  }

  /** The only object of this kind; fails when there are none or several. */
  JsonNode one(String kind) {
    List<JsonNode> found = ofKind(kind);
    if (found.size() != 1) {
      throw new AssertionError(
          "expected exactly one " + kind + " but found " + found.size() + ": " + names(found));
    }
    return found.get(0);
  }

  JsonNode one(String kind, String name) {
    List<JsonNode> found =
        ofKind(kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText())).toList();
    if (found.size() != 1) {
      throw new AssertionError(
          "expected one " + kind + " named " + name + " among " + names(ofKind(kind)));
    }
    return found.get(0);
  }

  /** spec.template.spec of every workload (Deployment, DaemonSet, ...). */
  List<JsonNode> podSpecs() {
    return objects.stream()
        .filter(o -> WORKLOAD_KINDS.contains(o.path("kind").asText()))
        .map(o -> o.at("/spec/template/spec"))
        .toList();
  }

  /** Every container and init container of every workload. */
  List<JsonNode> containers() {
    List<JsonNode> containers = new ArrayList<>();
    for (JsonNode pod : podSpecs()) {
      pod.path("initContainers").forEach(containers::add);
      pod.path("containers").forEach(containers::add);
    }
    return containers;
  }

  private static String names(List<JsonNode> found) {
    return found.stream()
        .map(o -> o.path("kind").asText() + "/" + o.at("/metadata/name").asText())
        .collect(Collectors.joining(", ", "[", "]"));
  }
}
