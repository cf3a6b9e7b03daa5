package io.migratepages.api.v1alpha1;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every reason the code can write is documented, in the CRDs users read with {@code kubectl
 * explain} and in the README's status section, and nothing else is: the three lists agree.
 */
class ReasonsDocumentedTest {
  private static final Path ROOT = Path.of("..");
  private static final Pattern README_ROW = Pattern.compile("^\\| `([A-Za-z]+)` \\|");

  private static final Set<String> POD_REASONS = names(PodReason.values());
  private static final Set<String> CONDITION_REASONS = names(ConditionReason.values());

  @Test
  void theNumaMigrationCrdListsEveryPodReason() throws IOException {
    String description =
        description("numamigrations.migratepages.io-v1.yaml", "status", "pods", "items", "reason");

    assertThat(wordsOf(description, POD_REASONS)).isEqualTo(POD_REASONS);
  }

  @Test
  void theNumaMigrationCrdListsEveryConditionReason() throws IOException {
    String description =
        description("numamigrations.migratepages.io-v1.yaml", "status", "conditions");

    assertThat(wordsOf(description, CONDITION_REASONS)).isEqualTo(CONDITION_REASONS);
  }

  @Test
  void theNodeMigrationCrdListsTheReasonsOfAWholeNodesWork() throws IOException {
    String description = description("nodemigrations.migratepages.io-v1.yaml", "status", "reason");

    assertThat(wordsOf(description, POD_REASONS))
        .containsExactlyInAnyOrder(
            PodReason.AgentNotCapable.name(),
            PodReason.InvalidNodeSpec.name(),
            PodReason.AgentError.name());
  }

  @Test
  void theReadmeStatusSectionListsEveryReasonOnce() throws IOException {
    List<String> rows = readmeReasonRows();

    assertThat(rows).doesNotHaveDuplicates();
    Set<String> expected = new TreeSet<>(POD_REASONS);
    expected.addAll(CONDITION_REASONS);
    assertThat(new TreeSet<>(rows)).isEqualTo(expected);
  }

  @Test
  void theNumaPlacementPolicyCrdListsEveryConditionReason() throws IOException {
    Set<String> reasons = names(PolicyConditionReason.values());
    String description =
        description("numaplacementpolicies.migratepages.io-v1.yaml", "status", "conditions");

    assertThat(wordsOf(description, reasons)).isEqualTo(reasons);
  }

  /** docs/placement-policies.md has one table row per condition reason, Event reason and state. */
  @Test
  void thePlacementPolicyPageListsEveryReasonAndStateOnce() throws IOException {
    List<String> rows = new ArrayList<>();
    for (String line : Files.readAllLines(ROOT.resolve("docs/placement-policies.md"))) {
      Matcher row = README_ROW.matcher(line);
      if (row.find()) {
        rows.add(row.group(1));
      }
    }
    List<String> expected = new ArrayList<>();
    expected.addAll(names(PolicyConditionReason.values()));
    expected.addAll(names(PolicyEventReason.values()));
    expected.addAll(names(OffTargetState.values()));

    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
  }

  /** First-column names of the tables under "### Status reasons", up to the next heading. */
  private static List<String> readmeReasonRows() throws IOException {
    List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
    int start = lines.indexOf("### Status reasons");
    assertThat(start).as("README.md has a '### Status reasons' section").isNotNegative();
    List<String> rows = new ArrayList<>();
    for (String line : lines.subList(start + 1, lines.size())) {
      if (line.startsWith("#")) {
        break;
      }
      Matcher row = README_ROW.matcher(line);
      if (row.find()) {
        rows.add(row.group(1));
      }
    }
    return rows;
  }

  /**
   * The words of {@code text} that belong to {@code vocabulary} (phases such as Failed are also
   * condition reasons, so each description is read against its own vocabulary).
   */
  private static Set<String> wordsOf(String text, Set<String> vocabulary) {
    return Arrays.stream(text.split("[^A-Za-z]+"))
        .filter(vocabulary::contains)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static String description(String crdFile, String... path) throws IOException {
    JsonNode node =
        new ObjectMapper(new YAMLFactory())
            .readTree(ROOT.resolve("crds").resolve(crdFile).toFile())
            .at("/spec/versions/0/schema/openAPIV3Schema");
    for (String step : path) {
      node = step.equals("items") ? node.path("items") : node.path("properties").path(step);
    }
    assertThat(node.path("description").isTextual())
        .as("%s has a description at %s", crdFile, String.join(".", path))
        .isTrue();
    return node.path("description").asText();
  }

  private static Set<String> names(Enum<?>[] values) {
    return Stream.of(values).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
