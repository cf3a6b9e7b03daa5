package io.migratepages.operator.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.migratepages.api.v1alpha1.NumaPlacementPolicySpec;
import io.migratepages.api.v1alpha1.PlacementThreshold;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the operator refuses in a policy's spec, each problem naming its field. */
class PolicySpecValidatorTest {
  private final PolicySpecValidator validator = new PolicySpecValidator();

  private static NumaPlacementPolicySpec valid() {
    NumaPlacementPolicySpec spec = new NumaPlacementPolicySpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(Map.of("app", "db")).build());
    return spec;
  }

  @Test
  void aSelectorAloneIsValid() {
    assertThat(validator.validate(valid())).isEmpty();
  }

  @Test
  void anEmptySelectorIsRefused() {
    NumaPlacementPolicySpec spec = valid();
    spec.setSelector(new LabelSelectorBuilder().build());

    assertThat(validator.validate(spec))
        .singleElement()
        .asString()
        .startsWith("spec.selector: ")
        .contains("would match every pod");
  }

  @Test
  void eachBadFieldIsNamed() {
    NumaPlacementPolicySpec spec = valid();
    spec.setTarget("3-1");
    spec.setThreshold(new PlacementThreshold(null, null));
    spec.setCheckInterval("0s");
    spec.setCooldown("2d");
    spec.setMaxPausePerCall("1h");
    spec.setRateLimit("0");
    spec.setMaxPodsMovingPerNode(0);

    assertThat(validator.validate(spec))
        .hasSize(7)
        .anySatisfy(p -> assertThat(p).startsWith("spec.target"))
        .anySatisfy(p -> assertThat(p).startsWith("spec.threshold: needs"))
        .anySatisfy(p -> assertThat(p).startsWith("spec.checkInterval: 0s is out of range"))
        .anySatisfy(p -> assertThat(p).startsWith("spec.cooldown: \"2d\" is not a duration"))
        .anySatisfy(p -> assertThat(p).startsWith("spec.maxPausePerCall"))
        .anySatisfy(p -> assertThat(p).startsWith("spec.rateLimit"))
        .anySatisfy(p -> assertThat(p).startsWith("spec.maxPodsMovingPerNode: 0"));
  }

  @Test
  void localAndNodeSpecsAreValidTargets() {
    for (String target : new String[] {"local", "1", "0-1", "!0", "+0", "all"}) {
      NumaPlacementPolicySpec spec = valid();
      spec.setTarget(target);
      assertThat(validator.validate(spec)).as(target).isEmpty();
    }
  }
}
