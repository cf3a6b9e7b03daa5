package io.migratepages.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed CRDs (crds/ and the chart's crds/) must be exactly what this build generates from
 * the API classes. With -Dcrds.update=true the test rewrites them instead of failing.
 */
@Order(1)
class CrdDriftTest {
  private static final boolean UPDATE = Boolean.getBoolean("crds.update");

  static Stream<Arguments> committedCopies() {
    return CrdFiles.KINDS.stream()
        .flatMap(
            type ->
                CrdFiles.committedCopies(type).stream()
                    .map(
                        path ->
                            Arguments.of(
                                type.getSimpleName(),
                                type,
                                CrdFiles.repositoryDir().relativize(path).toString())));
  }

  @ParameterizedTest(name = "{0} -> {2}")
  @MethodSource("committedCopies")
  void committedCopyMatchesGeneratedCrd(
      String kind, Class<? extends HasMetadata> type, String relativePath) throws IOException {
    Path committed = CrdFiles.repositoryDir().resolve(relativePath);
    String expected = CrdPublisher.publish(type, CrdFiles.generated(type));

    if (UPDATE) {
      Files.createDirectories(committed.getParent());
      Files.writeString(committed, expected, StandardCharsets.UTF_8);
      System.out.println("crds.update: wrote " + relativePath);
      return;
    }
    if (!Files.exists(committed)) {
      fail(
          relativePath
              + " is missing: generate it with `"
              + CrdFiles.REFRESH_COMMAND
              + "` and commit it.");
    }
    String actual = Files.readString(committed, StandardCharsets.UTF_8);
    assertThat(actual)
        .as(
            relativePath
                + " differs from the CRD generated from the API classes (they changed, or the file"
                + " was edited by hand), first at line "
                + firstDifferentLine(actual, expected)
                + ". "
                + howToRefresh())
        .isEqualTo(expected);
  }

  private static int firstDifferentLine(String actual, String expected) {
    String[] a = actual.split("\n", -1);
    String[] e = expected.split("\n", -1);
    int line = 0;
    while (line < a.length && line < e.length && a[line].equals(e[line])) {
      line++;
    }
    return line + 1;
  }

  @Test
  void publishingKeepsEverythingTheGeneratorWroteExceptColumnOrder() {
    for (Class<? extends HasMetadata> type : CrdFiles.KINDS) {
      var generated = CrdYaml.read(CrdFiles.generated(type));
      var published = CrdYaml.read(CrdPublisher.publish(type, CrdFiles.generated(type)));

      var generatedColumns = generated.at("/spec/versions/0/additionalPrinterColumns");
      var publishedColumns = published.at("/spec/versions/0/additionalPrinterColumns");
      assertThat(publishedColumns)
          .as(type.getSimpleName())
          .containsExactlyInAnyOrderElementsOf(generatedColumns);
      assertThat(publishedColumns.findValuesAsText("name"))
          .as(type.getSimpleName() + " columns in declaration order")
          .isEqualTo(CrdPublisher.declaredColumnNames(type));

      ((com.fasterxml.jackson.databind.node.ObjectNode) generated.at("/spec/versions/0"))
          .remove("additionalPrinterColumns");
      ((com.fasterxml.jackson.databind.node.ObjectNode) published.at("/spec/versions/0"))
          .remove("additionalPrinterColumns");
      assertThat(published).as(type.getSimpleName()).isEqualTo(generated);
    }
  }

  @Test
  void renderingIsStableAcrossRoundTrips() {
    for (Class<? extends HasMetadata> type : CrdFiles.KINDS) {
      String once = CrdPublisher.publish(type, CrdFiles.generated(type));
      String twice = CrdPublisher.publish(type, once);
      assertThat(twice).as(type.getSimpleName()).isEqualTo(once);
    }
  }

  private static String howToRefresh() {
    return "Regenerate the committed CRDs with `"
        + CrdFiles.REFRESH_COMMAND
        + "` and commit the result.";
  }
}
