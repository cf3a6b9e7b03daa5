package io.migratepages.operator;

import static io.migratepages.operator.Fixtures.podSpec;
import static io.migratepages.operator.Fixtures.selectorSpec;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.migratepages.api.format.ByteRates;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.LabelSyntax;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecValidatorTest {
  private final SpecValidator validator = new SpecValidator();

  @ParameterizedTest
  @ValueSource(strings = {"all", "0", "0,2", "1-3", "!0", "+0", "0-1,3"})
  void acceptsNodeSpecsOfTheGrammar(String nodes) {
    assertThat(validator.validate(podSpec("db-0", nodes, nodes))).isEmpty();
  }

  @Test
  void fromNodesDefaultsToAll() {
    NumaMigrationSpec spec = podSpec("db-0", null, "1");
    assertThat(validator.validate(spec)).isEmpty();
    assertThat(SpecValidator.fromNodesOf(spec)).isEqualTo("all");
  }

  @Test
  void namesTheFieldOfABadNodeSpec() {
    List<String> problems = validator.validate(podSpec("db-0", "0-", "x"));

    assertThat(problems).hasSize(2);
    assertThat(problems.get(0)).startsWith("spec.fromNodes: ");
    assertThat(problems.get(1)).startsWith("spec.toNodes: ").contains("\"x\"");
  }

  @Test
  void toNodesIsRequired() {
    assertThat(validator.validate(podSpec("db-0", "all", null)))
        .containsExactly(
            "spec.toNodes: required; valid forms: all, N, N,M, N-M, !spec, +N, or local");
  }

  @Test
  void exactlyOneTarget() {
    NumaMigrationSpec both = selectorSpec(Map.of("app", "db"), "all", "1");
    both.setPodName("db-0");
    NumaMigrationSpec neither = podSpec(null, "all", "1");

    assertThat(validator.validate(both))
        .containsExactly("spec: exactly one of podName or selector must be set (both are)");
    assertThat(validator.validate(neither))
        .containsExactly("spec: exactly one of podName or selector must be set (neither is)");
    assertThat(validator.validate(null)).singleElement().asString().startsWith("spec: required");
  }

  @Test
  void checksSelectorOperatorsAndValues() {
    NumaMigrationSpec spec = selectorSpec(Map.of(), "all", "1");
    spec.setSelector(
        new LabelSelectorBuilder()
            .withMatchExpressions(
                new LabelSelectorRequirementBuilder().withKey("a").withOperator("In").build(),
                new LabelSelectorRequirementBuilder()
                    .withKey("b")
                    .withOperator("Exists")
                    .withValues("x")
                    .build(),
                new LabelSelectorRequirementBuilder().withKey("c").withOperator("Equals").build(),
                new LabelSelectorRequirementBuilder()
                    .withKey("d")
                    .withOperator("NotIn")
                    .withValues("y")
                    .build())
            .build());

    assertThat(validator.validate(spec))
        .containsExactly(
            "spec.selector.matchExpressions[0].values: operator In needs at least one value",
            "spec.selector.matchExpressions[1].values: operator Exists takes no values",
            "spec.selector.matchExpressions[2].operator: 'Equals' is not one of In, NotIn, Exists,"
                + " DoesNotExist");
  }

  @Test
  void checksLabelSyntaxInTheSelector() {
    NumaMigrationSpec spec = selectorSpec(Map.of("my app", "db", "tier", "a b"), "all", "1");
    spec.getSelector()
        .setMatchExpressions(
            List.of(
                new LabelSelectorRequirementBuilder()
                    .withKey("example.com/zone")
                    .withOperator("In")
                    .withValues("eu-1", "x/y")
                    .build()));

    assertThat(validator.validate(spec))
        .containsExactlyInAnyOrder(
            "spec.selector.matchLabels: 'my app' is not a label key; a label key is "
                + LabelSyntax.VALID_KEY,
            "spec.selector.matchLabels.tier: 'a b' is not a label value; a label value is "
                + LabelSyntax.VALID_VALUE,
            "spec.selector.matchExpressions[0].values[1]: 'x/y' is not a label value; a label"
                + " value is "
                + LabelSyntax.VALID_VALUE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"all", "0", "!1"})
  void toNodesLocalIsAcceptedForTheAgentsToResolve(String from) {
    assertThat(validator.validate(podSpec("db-0", from, "local"))).isEmpty();
    assertThat(validator.validate(podSpec("db-0", null, "local"))).isEmpty();
  }

  @Test
  void localIsRefusedAsFromNodesNamingTheField() {
    assertThat(validator.validate(podSpec("db-0", "local", "1")))
        .singleElement()
        .asString()
        .startsWith("spec.fromNodes: \"local\" names destinations only")
        .endsWith("valid here: all, N, N,M, N-M, !spec, +N");
  }

  @ParameterizedTest
  @ValueSource(strings = {"!local", "0,local", "local,0"})
  void localIsTheWholeSpecOrNothing(String to) {
    assertThat(validator.validate(podSpec("db-0", "all", to)))
        .singleElement()
        .asString()
        .startsWith("spec.toNodes: ");
  }

  @Test
  void acceptsPrefixedLabelKeys() {
    NumaMigrationSpec spec =
        selectorSpec(Map.of("app.kubernetes.io/name", "db", "tier", ""), "all", "1");

    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void emptyContainerNamesAreRejected() {
    NumaMigrationSpec spec = podSpec("db-0", "all", "1");
    spec.setContainers(Arrays.asList("app", "", null));

    assertThat(validator.validate(spec))
        .containsExactly(
            "spec.containers[1]: empty container name", "spec.containers[2]: empty container name");
  }

  @Test
  void boundedModeWithPauseAndRateIsValid() {
    NumaMigrationSpec spec = podSpec("db-0", "all", "1");
    spec.setMode(MoveMode.Bounded);
    spec.setMaxPausePerCall("500us");
    spec.setRateLimit("200Mi");

    assertThat(validator.validate(spec)).isEmpty();
  }

  @Test
  void pauseAndRateNeedBoundedMode() {
    NumaMigrationSpec spec = podSpec("db-0", "all", "1");
    spec.setRateLimit("200Mi");

    assertThat(spec.getMode()).isEqualTo(MoveMode.Whole);
    assertThat(validator.validate(spec)).containsExactly(ApiGroup.BOUNDED_ONLY);
  }

  @Test
  void badPauseAndRateNameTheirFieldAndWhatIsValid() {
    NumaMigrationSpec spec = podSpec("db-0", "all", "1");
    spec.setMode(MoveMode.Bounded);
    spec.setMaxPausePerCall("20s");
    spec.setRateLimit("200M");

    assertThat(validator.validate(spec))
        .containsExactly(
            "spec.maxPausePerCall: 20s is out of range (valid: from 100us to 10s)",
            "spec.rateLimit: \"200M\" is not a rate (expected " + ByteRates.FORMS + ")");
  }
}
