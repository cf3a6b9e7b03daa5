package io.migratepages.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import com.marcnuri.helm.Helm;
import io.migratepages.kubetest.RepoFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** The chart rendered with its default values by Helm's own engine (helm-java): what it runs. */
final class RenderedChart {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private final List<JsonNode> manifests;

  private RenderedChart(List<JsonNode> manifests) {
    this.manifests = manifests;
  }

  static RenderedChart defaults() {
    String text =
        new Helm(RepoFiles.repo().resolve("helm/migratepages-operator"))
            .template()
            .withName("mp")
            .withNamespace("migratepages")
            .withKubeVersion("1.33.0")
            .call();
    List<JsonNode> docs = new ArrayList<>();
    try (YAMLParser parser = new YAMLFactory().createParser(text)) {
      YAML.readValues(parser, JsonNode.class)
          .forEachRemaining(
              d -> {
                if (d != null && !d.isEmpty()) {
                  docs.add(d);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot parse the rendered chart", e);
    }
    return new RenderedChart(docs);
  }

  /** The pod template of the only object of KIND (Deployment, DaemonSet). */
  JsonNode podSpec(String kind) {
    List<JsonNode> found =
        manifests.stream().filter(m -> kind.equals(m.path("kind").asText())).toList();
    if (found.size() != 1) {
      throw new IllegalStateException(
          "the chart renders " + found.size() + " " + kind + "s, expected 1");
    }
    return found.get(0).path("spec").path("template").path("spec");
  }

  JsonNode container(String kind) {
    JsonNode containers = podSpec(kind).path("containers");
    if (containers.size() != 1) {
      throw new IllegalStateException(
          kind + " has " + containers.size() + " containers, expected 1");
    }
    return containers.get(0);
  }
}
