package io.migratepages.api.crd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The CEL side of admission on small hand-written schemas. */
class CelRuleCheckTest {
  private static JsonNode schemaWithRule(String rule) {
    return CrdYaml.read(
        """
        type: object
        properties:
          spec:
            type: object
            properties:
              min: {type: integer}
              max: {type: integer}
              names:
                type: array
                items:
                  type: object
                  properties:
                    name: {type: string}
                  x-kubernetes-validations:
                  - rule: "self.name.startsWith('x-')"
            x-kubernetes-validations:
            - rule: "%s"
        """
            .formatted(rule));
  }

  @Test
  void ruleNamingAFieldTheSchemaDoesNotHaveIsRefusedLikeTheApiServerRefusesTheCrd() {
    assertThatThrownBy(() -> new CelRuleCheck(schemaWithRule("has(self.maximum)"), "Test"))
        .hasMessageContaining("$.spec")
        .hasMessageContaining("maximum");
  }

  @Test
  void ruleThatIsNotBooleanIsRefused() {
    assertThatThrownBy(() -> new CelRuleCheck(schemaWithRule("self.min + 1"), "Test"))
        .hasMessageContaining("$.spec");
  }

  @Test
  void rulesAreEvaluatedWithSelfAtTheirLevelIncludingListItems() {
    JsonNode schema = schemaWithRule("!has(self.max) || self.min <= self.max");
    CelRuleCheck check = new CelRuleCheck(schema, "Test");
    assertThat(check.ruleCount()).isEqualTo(2);

    assertThat(check.check(CrdYaml.read("spec: {min: 1, max: 2}"))).isEmpty();
    assertThat(check.check(CrdYaml.read("spec: {min: 1}"))).isEmpty();
    assertThat(check.check(CrdYaml.read("spec: {min: 3, max: 2}")))
        .extracting(Violation::toString)
        .containsExactly(
            "$.spec: Invalid value: \"object\": failed rule: !has(self.max) || self.min <= self.max");
    assertThat(
            check.check(
                CrdYaml.read("spec: {min: 1, names: [{name: x-a}, {name: b}, {name: x-c}]}")))
        .extracting(Violation::field)
        .containsExactly("$.spec.names[1]");
  }

  @Test
  void rulesOfAbsentValuesAreNotEvaluated() {
    JsonNode schema = schemaWithRule("false");
    CelRuleCheck check = new CelRuleCheck(schema, "Test");

    assertThat(check.check(CrdYaml.read("other: 1"))).isEmpty();
    assertThat(check.check(CrdYaml.read("spec: {}"))).hasSize(1);
  }
}
