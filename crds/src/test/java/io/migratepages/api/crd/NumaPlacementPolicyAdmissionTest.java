package io.migratepages.api.crd;

import static io.migratepages.api.crd.AdmissionAssertions.assertAccepted;
import static io.migratepages.api.crd.AdmissionAssertions.assertRejectedOnlyAt;
import static io.migratepages.api.crd.Objects.with;
import static io.migratepages.api.crd.Objects.without;
import static io.migratepages.api.crd.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migratepages.api.v1alpha1.NumaPlacementPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NumaPlacementPolicy requests against the generated CRD, as kube-apiserver would judge them. */
class NumaPlacementPolicyAdmissionTest {
  private static final ApiServerAdmission API =
      ApiServerAdmission.forKind(NumaPlacementPolicy.class);

  private static final ObjectNode MINIMAL =
      yaml(
          """
          apiVersion: migratepages.io/v1alpha1
          kind: NumaPlacementPolicy
          metadata:
            name: keep-db-local
            namespace: databases
          spec:
            selector:
              matchLabels:
                app: db
          """);

  private static final ObjectNode FULL =
      yaml(
          """
          apiVersion: migratepages.io/v1alpha1
          kind: NumaPlacementPolicy
          metadata:
            name: keep-cache-on-1
          spec:
            selector:
              matchExpressions:
              - key: tier
                operator: In
                values: [hot]
            containers: [redis]
            target: "1"
            threshold:
              offTargetPercent: 5
              offTargetMiB: 256
            checkInterval: 30s
            cooldown: 1h
            maxPausePerCall: 5ms
            rateLimit: 200Mi
            maxPodsMovingPerNode: 2
          """);

  private static Admission create(ObjectNode cr) {
    return API.create(cr, FieldValidation.STRICT);
  }

  @Test
  void aSelectorAloneIsAcceptedWithTheDefaults() {
    Admission admission = create(MINIMAL);

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/target").asText()).isEqualTo("local");
    assertThat(admission.stored().at("/spec/checkInterval").asText()).isEqualTo("1m");
    assertThat(admission.stored().at("/spec/cooldown").asText()).isEqualTo("10m");
    assertThat(admission.stored().at("/spec/maxPodsMovingPerNode").asInt()).isEqualTo(1);
  }

  @Test
  void everyFieldSetIsAccepted() {
    assertAccepted(create(FULL));
  }

  @Test
  void theSelectorIsRequiredAndMayNotBeEmpty() {
    Admission missing = create(without(MINIMAL, "/spec/selector"));
    assertThat(missing.accepted()).isFalse();
    assertThat(missing.violations().toString()).contains("selector");
    assertRejectedOnlyAt(
        create(with(MINIMAL, "/spec/selector", yaml("{}"))),
        "$.spec.selector",
        "an empty selector would match every pod of the namespace");
  }

  @ParameterizedTest
  @ValueSource(strings = {"0s", "25h", "90000s"})
  void intervalsOutsideOneSecondToADayAreRefused(String value) {
    assertRejectedOnlyAt(
        create(with(MINIMAL, "/spec/checkInterval", value)),
        "$.spec.checkInterval",
        "must lie between 1s and 24h");
    assertRejectedOnlyAt(
        create(with(MINIMAL, "/spec/cooldown", value)),
        "$.spec.cooldown",
        "must lie between 1s and 24h");
  }

  @Test
  void anIntervalWithoutUnitIsRefusedByItsPattern() {
    Admission admission = create(with(MINIMAL, "/spec/cooldown", "10"));
    assertThat(admission.accepted()).isFalse();
    assertThat(admission.violations()).extracting(Violation::field).containsOnly("$.spec.cooldown");
  }

  @Test
  void anEmptyThresholdIsRefused() {
    assertRejectedOnlyAt(
        create(with(MINIMAL, "/spec/threshold", yaml("{}"))),
        "$.spec.threshold",
        "spec.threshold needs offTargetPercent, offTargetMiB or both");
  }

  @Test
  void aPercentAboveNinetyNineIsRefused() {
    Admission admission =
        create(
            with(
                FULL,
                "/spec/threshold/offTargetPercent",
                JsonNodeFactory.instance.numberNode(100)));
    assertThat(admission.accepted()).isFalse();
    assertThat(admission.violations())
        .extracting(Violation::field)
        .containsExactly("$.spec.threshold.offTargetPercent");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 65})
  void thePerNodeCapLiesBetweenOneAndSixtyFour(int cap) {
    Admission admission =
        create(
            with(MINIMAL, "/spec/maxPodsMovingPerNode", JsonNodeFactory.instance.numberNode(cap)));
    assertThat(admission.accepted()).isFalse();
    assertThat(admission.violations())
        .extracting(Violation::field)
        .containsExactly("$.spec.maxPodsMovingPerNode");
  }

  @Test
  void aMalformedTargetIsRefused() {
    Admission admission = create(with(MINIMAL, "/spec/target", "1-"));
    assertThat(admission.accepted()).isFalse();
    assertThat(admission.violations())
        .extracting(Violation::field)
        .containsExactly("$.spec.target");
  }

  @Test
  void aPauseOutsideItsBoundsIsRefused() {
    assertRejectedOnlyAt(
        create(with(FULL, "/spec/maxPausePerCall", "20s")),
        "$.spec.maxPausePerCall",
        "must lie between 100us and 10s");
  }
}
