package io.migratepages.api.crd;

import static io.migratepages.api.crd.AdmissionAssertions.assertAccepted;
import static io.migratepages.api.crd.AdmissionAssertions.assertRejectedOnlyAt;
import static io.migratepages.api.crd.Objects.with;
import static io.migratepages.api.crd.Objects.without;
import static io.migratepages.api.crd.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migratepages.api.v1alpha1.NumaMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NumaMigration requests against the generated CRD, as kube-apiserver would judge them. */
class NumaMigrationAdmissionTest {
  private static final ApiServerAdmission API = ApiServerAdmission.forKind(NumaMigration.class);

  private static final ObjectNode POD_NAME_CR =
      yaml(
          """
          apiVersion: migratepages.io/v1alpha1
          kind: NumaMigration
          metadata:
            name: move-db
            namespace: default
          spec:
            podName: db-0
            toNodes: "1"
          """);

  private static final ObjectNode SELECTOR_CR =
      yaml(
          """
          apiVersion: migratepages.io/v1alpha1
          kind: NumaMigration
          metadata:
            name: move-cache
          spec:
            selector:
              matchLabels:
                app.kubernetes.io/name: cache
              matchExpressions:
              - key: tier
                operator: In
                values: [hot, warm]
              - key: canary
                operator: DoesNotExist
            containers: [redis]
            fromNodes: 0-1
            toNodes: 2-3
          """);

  private static Admission create(ObjectNode cr) {
    return API.create(cr, FieldValidation.STRICT);
  }

  @Test
  void theSchemaDeclaresTheCelRules() {
    // podName xor selector; a non-empty selector; values per operator; unique container names;
    // matchLabels keys are label keys; bounded options only in Bounded mode; maxPausePerCall
    // within its bounds.
    assertThat(API.celRuleCount()).isEqualTo(7);
  }

  @Test
  void podNameCrIsAcceptedAndFromNodesDefaultsToAll() {
    Admission admission = create(POD_NAME_CR);

    assertAccepted(admission);
    assertThat(admission.warnings()).isEmpty();
    assertThat(admission.stored().at("/spec/fromNodes").asText()).isEqualTo("all");
  }

  /** As the API server does: a null in a non-nullable field is dropped, then defaulted. */
  @Test
  void nullFieldsAreDroppedAndDefaulted() {
    ObjectNode cr =
        with(
            with(POD_NAME_CR, "/spec/fromNodes", JsonNodeFactory.instance.nullNode()),
            "/spec/containers",
            JsonNodeFactory.instance.nullNode());

    Admission admission = create(cr);

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/fromNodes").asText()).isEqualTo("all");
    assertThat(admission.stored().at("/spec").has("containers")).isFalse();
  }

  @Test
  void selectorCrWithMatchLabelsAndMatchExpressionsIsAccepted() {
    Admission admission = create(SELECTOR_CR);

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/fromNodes").asText()).isEqualTo("0-1");
    assertThat(admission.stored().at("/spec/selector")).isEqualTo(SELECTOR_CR.at("/spec/selector"));
  }

  @Test
  void neitherPodNameNorSelectorIsRejectedByTheCelRule() {
    assertRejectedOnlyAt(
        create(without(POD_NAME_CR, "/spec/podName")),
        "$.spec",
        "exactly one of spec.podName or spec.selector must be set");
  }

  @Test
  void bothPodNameAndSelectorIsRejectedByTheCelRule() {
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/podName", "db-0")),
        "$.spec",
        "exactly one of spec.podName or spec.selector must be set");
  }

  @Test
  void anEmptySelectorIsRejected() {
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/selector", yaml("{}"))),
        "$.spec.selector",
        "an empty selector would match every pod of the namespace");
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/selector", yaml("{matchLabels: {}}"))),
        "$.spec.selector",
        "an empty selector would match every pod of the namespace");
  }

  @Test
  void anUnknownSelectorOperatorIsRejected() {
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/selector/matchExpressions/0/operator", "Foo")),
        "$.spec.selector.matchExpressions[0].operator",
        "DoesNotExist");
  }

  @Test
  void selectorValuesMustFitTheOperator() {
    assertRejectedOnlyAt(
        create(without(SELECTOR_CR, "/spec/selector/matchExpressions/0/values")),
        "$.spec.selector.matchExpressions[0].values",
        "In and NotIn need at least one value");
    assertRejectedOnlyAt(
        create(
            with(
                SELECTOR_CR,
                "/spec/selector/matchExpressions/1/values",
                JsonNodeFactory.instance.arrayNode().add("x"))),
        "$.spec.selector.matchExpressions[1].values",
        "Exists and DoesNotExist take none");
  }

  @Test
  void aSelectorExpressionNeedsAKey() {
    assertRejectedOnlyAt(
        create(without(SELECTOR_CR, "/spec/selector/matchExpressions/0/key")),
        "$.spec.selector.matchExpressions[0].key",
        "Required value");
  }

  @Test
  void containerNamesMustBeNonEmptyAndUnique() {
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/containers", JsonNodeFactory.instance.arrayNode().add(""))),
        "$.spec.containers[0]",
        "");
    assertRejectedOnlyAt(
        create(
            with(
                SELECTOR_CR,
                "/spec/containers",
                JsonNodeFactory.instance.arrayNode().add("redis").add("redis"))),
        "$.spec.containers",
        "container names must be unique");
  }

  @Test
  void sizesAreBounded() {
    var many = JsonNodeFactory.instance.arrayNode();
    for (int i = 0; i < 33; i++) {
      many.add("c" + i);
    }
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/containers", many)), "$.spec.containers", "32");
    // toNodes' maxLength is checked on the real API server (src/cluster-tests): the emulator's Java
    // regex overflows its stack on a 4,097-character list, Go's RE2 does not.
  }

  @Test
  void missingToNodesIsRejected() {
    assertRejectedOnlyAt(
        create(without(POD_NAME_CR, "/spec/toNodes")), "$.spec.toNodes", "Required value");
  }

  @Test
  void missingSpecIsRejected() {
    assertRejectedOnlyAt(create(without(POD_NAME_CR, "/spec")), "$.spec", "Required value");
  }

  @ParameterizedTest(name = "toNodes \"{0}\"")
  @ValueSource(
      strings = {
        "1-", "a", " 0", "0,,1", "!", "+", "0-1-2", "all,1", "", "0 ", "-1", "!local", "0,local",
        "Local", "locals"
      })
  void malformedToNodesIsRejectedByThePattern(String nodes) {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/toNodes", nodes)), "$.spec.toNodes", "does not match");
  }

  @Test
  void modeDefaultsToWhole() {
    Admission admission = create(POD_NAME_CR);

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/mode").asText()).isEqualTo("Whole");
  }

  @Test
  void boundedModeWithPauseAndRateIsAccepted() {
    ObjectNode bounded =
        with(
            with(with(POD_NAME_CR, "/spec/mode", "Bounded"), "/spec/maxPausePerCall", "500us"),
            "/spec/rateLimit",
            "200Mi");

    Admission admission = create(bounded);

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/maxPausePerCall").asText()).isEqualTo("500us");
    assertThat(admission.stored().at("/spec/rateLimit").asText()).isEqualTo("200Mi");
  }

  @Test
  void anUnknownModeIsRejectedByTheEnum() {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/mode", "bounded")), "$.spec.mode", "enumeration");
  }

  @ParameterizedTest(name = "field {0}")
  @ValueSource(strings = {"maxPausePerCall", "rateLimit"})
  void boundedOptionsWithModeWholeAreRejectedByTheCelRule(String field) {
    String value = field.equals("rateLimit") ? "1Gi" : "10ms";
    assertRejectedOnlyAt(
        create(with(with(POD_NAME_CR, "/spec/mode", "Whole"), "/spec/" + field, value)),
        "$.spec",
        "spec.maxPausePerCall and spec.rateLimit apply only with spec.mode Bounded");
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/" + field, value)),
        "$.spec",
        "apply only with spec.mode Bounded");
  }

  @ParameterizedTest(name = "maxPausePerCall \"{0}\"")
  @ValueSource(strings = {"10 ms", "10", "1.5ms", "10m", "ms", "-1ms"})
  void malformedMaxPausePerCallIsRejectedByThePattern(String pause) {
    assertRejectedOnlyAt(
        create(with(with(POD_NAME_CR, "/spec/mode", "Bounded"), "/spec/maxPausePerCall", pause)),
        "$.spec.maxPausePerCall",
        "does not match");
  }

  @ParameterizedTest(name = "maxPausePerCall \"{0}\"")
  @ValueSource(strings = {"99us", "99999ns", "20s", "10001ms"})
  void maxPausePerCallOutOfRangeIsRejectedByTheCelRule(String pause) {
    assertRejectedOnlyAt(
        create(with(with(POD_NAME_CR, "/spec/mode", "Bounded"), "/spec/maxPausePerCall", pause)),
        "$.spec.maxPausePerCall",
        "must lie between 100us and 10s");
  }

  @ParameterizedTest(name = "maxPausePerCall \"{0}\"")
  @ValueSource(strings = {"100us", "100000ns", "10ms", "10s"})
  void maxPausePerCallAtItsBoundsIsAccepted(String pause) {
    assertAccepted(
        create(with(with(POD_NAME_CR, "/spec/mode", "Bounded"), "/spec/maxPausePerCall", pause)));
  }

  @ParameterizedTest(name = "rateLimit \"{0}\"")
  @ValueSource(strings = {"200M", "200MB", "1.5Gi", "200mi", "Mi", "-1", "1Ei"})
  void malformedRateLimitIsRejectedByThePattern(String rate) {
    assertRejectedOnlyAt(
        create(with(with(POD_NAME_CR, "/spec/mode", "Bounded"), "/spec/rateLimit", rate)),
        "$.spec.rateLimit",
        "does not match");
  }

  @ParameterizedTest(name = "fromNodes \"{0}\"")
  @ValueSource(strings = {"1-", "a", " 0", "0,,1", "!", "+", "0-1-2", "all,1", "local"})
  void malformedFromNodesIsRejectedByThePattern(String nodes) {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/fromNodes", nodes)), "$.spec.fromNodes", "does not match");
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"all", "0", "0,2-3", "!1", "+0-1", "!+1", "!all", "0-3,8,10-11"})
  void wellFormedNodeSpecsAreAcceptedInBothFields(String nodes) {
    Admission admission =
        create(with(with(POD_NAME_CR, "/spec/toNodes", nodes), "/spec/fromNodes", nodes));

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/toNodes").asText()).isEqualTo(nodes);
  }

  @Test
  void toNodesLocalIsAcceptedWithFromNodesDefaultingToAll() {
    Admission admission = create(with(POD_NAME_CR, "/spec/toNodes", "local"));

    assertAccepted(admission);
    assertThat(admission.warnings()).isEmpty();
    assertThat(admission.stored().at("/spec/toNodes").asText()).isEqualTo("local");
    assertThat(admission.stored().at("/spec/fromNodes").asText()).isEqualTo("all");
  }

  @ParameterizedTest(name = "fromNodes \"{0}\"")
  @ValueSource(strings = {"0", "!1", "+0", "0-1"})
  void toNodesLocalKeepsAnExplicitFromNodes(String from) {
    Admission admission =
        create(with(with(POD_NAME_CR, "/spec/toNodes", "local"), "/spec/fromNodes", from));

    assertAccepted(admission);
    assertThat(admission.stored().at("/spec/fromNodes").asText()).isEqualTo(from);
  }

  @Test
  void toNodesLocalInBoundedModeIsAccepted() {
    assertAccepted(
        create(
            with(
                with(with(POD_NAME_CR, "/spec/toNodes", "local"), "/spec/mode", "Bounded"),
                "/spec/maxPausePerCall",
                "5ms")));
  }

  @Test
  void toNodesAsYamlNumberIsATypeError() {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/toNodes", JsonNodeFactory.instance.numberNode(1))),
        "$.spec.toNodes",
        "string expected");
  }

  @ParameterizedTest(name = "podName \"{0}\"")
  @ValueSource(strings = {"Demo-App", "db_0", "-db", "db-", "db 0"})
  void podNameThatIsNoPodNameIsRejectedByThePattern(String podName) {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/podName", podName)), "$.spec.podName", "does not match");
  }

  @Test
  void podNameLongerThan253CharactersIsRejected() {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/spec/podName", "a".repeat(254))), "$.spec.podName", "253");
    assertAccepted(create(with(POD_NAME_CR, "/spec/podName", "a".repeat(253))));
  }

  @Test
  void matchLabelsValueMustBeAString() {
    ObjectNode cr =
        with(
            SELECTOR_CR,
            "/spec/selector/matchLabels/replicas",
            JsonNodeFactory.instance.numberNode(3));

    assertRejectedOnlyAt(create(cr), "$.spec.selector.matchLabels.replicas", "string expected");
  }

  @Test
  void containersMustBeAListOfNames() {
    assertRejectedOnlyAt(
        create(with(SELECTOR_CR, "/spec/containers", "redis")),
        "$.spec.containers",
        "array expected");
  }

  /**
   * The schema is structural, so the API server never stores an unknown field. kubectl (default
   * --validate=strict) fails the request naming the field; a client that sends no fieldValidation
   * (Fabric8, client-go) gets the object stored without the field and a warning header.
   */
  @Test
  void unknownFieldFailsKubectlAndIsPrunedForOtherClients() {
    ObjectNode cr = with(POD_NAME_CR, "/spec/dryRun", JsonNodeFactory.instance.booleanNode(true));

    assertRejectedOnlyAt(
        API.create(cr, FieldValidation.STRICT),
        "$.spec.dryRun",
        "strict decoding error: unknown field \"spec.dryRun\"");

    Admission warned = API.create(cr, FieldValidation.WARN);
    assertAccepted(warned);
    assertThat(warned.warnings()).containsExactly("unknown field \"spec.dryRun\"");
    assertThat(warned.stored().at("/spec").has("dryRun")).isFalse();

    Admission ignored = API.create(cr, FieldValidation.IGNORE);
    assertAccepted(ignored);
    assertThat(ignored.warnings()).isEmpty();
    assertThat(ignored.stored().at("/spec").has("dryRun")).isFalse();
  }

  /** A misspelt podName cannot slip through pruning: the CEL rule then sees no target. */
  @Test
  void misspeltPodNameIsPrunedAndThenCaughtByTheCelRule() {
    ObjectNode cr = with(without(POD_NAME_CR, "/spec/podName"), "/spec/podname", "db-0");

    Admission admission = API.create(cr, FieldValidation.WARN);

    assertThat(admission.warnings()).containsExactly("unknown field \"spec.podname\"");
    assertRejectedOnlyAt(admission, "$.spec", "exactly one of spec.podName or spec.selector");
  }

  @Test
  void statusInACreateIsIgnoredBecauseStatusIsASubresource() {
    ObjectNode cr = with(POD_NAME_CR, "/status/phase", "NoSuchPhase");

    Admission admission = create(cr);

    assertAccepted(admission);
    assertThat(admission.stored().has("status")).isFalse();
  }

  @Test
  void statusWritesAreValidatedAgainstThePhaseEnum() {
    ObjectNode running = with(POD_NAME_CR, "/status/phase", "Running");
    assertAccepted(API.statusUpdate(running));

    assertRejectedOnlyAt(
        API.statusUpdate(with(POD_NAME_CR, "/status/phase", "Done")),
        "$.status.phase",
        "enumeration");
  }

  @Test
  void wrongKindAndBadNameAreRejected() {
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/kind", "NodeMigration")), "$.kind", "must be NumaMigration");
    assertRejectedOnlyAt(
        create(with(POD_NAME_CR, "/metadata/name", "Move_DB")), "$.metadata.name", "RFC 1123");
  }
}
