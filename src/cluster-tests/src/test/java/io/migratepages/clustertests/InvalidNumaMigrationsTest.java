package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.FieldValidateable.Validation;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.RealControlPlane;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invalid NumaMigrations are rejected by the real API server at admission, each with a message that
 * names the offending field, the way {@code kubectl apply} (strict field validation) shows it to a
 * user.
 */
@RealControlPlane
class InvalidNumaMigrationsTest {

  private static final String LONG_NAME = "a".repeat(254);

  @BeforeAll
  static void installCrds(KubernetesClient client) {
    Crds.install(client);
  }

  /**
   * What is wrong; metadata.name; spec in YAML flow style (null: no spec); text the message must
   * hold.
   */
  static Stream<Arguments> invalid() {
    return Stream.of(
        row(
            "both podName and selector",
            "{podName: db-0, selector: {matchLabels: {app: db}}, toNodes: '1'}",
            "exactly one of spec.podName or spec.selector"),
        row(
            "neither podName nor selector",
            "{toNodes: '1'}",
            "exactly one of spec.podName or spec.selector"),
        row("no toNodes", "{podName: db-0}", "spec.toNodes: Required value"),
        row("no spec", null, "spec: Required value"),
        row("spec is a string", "move", "spec in body must be of type object"),
        row("toNodes is a word", "{podName: db-0, toNodes: abc}", "spec.toNodes"),
        row("toNodes is empty", "{podName: db-0, toNodes: ''}", "spec.toNodes"),
        row(
            "toNodes is a number",
            "{podName: db-0, toNodes: 1}",
            "spec.toNodes in body must be of type string"),
        row("toNodes beyond node 1023", "{podName: db-0, toNodes: '1024'}", "spec.toNodes"),
        row("toNodes with a leading zero", "{podName: db-0, toNodes: '01'}", "spec.toNodes"),
        row("toNodes with an empty list item", "{podName: db-0, toNodes: '0,,1'}", "spec.toNodes"),
        row("toNodes with an open range", "{podName: db-0, toNodes: '1-'}", "spec.toNodes"),
        row("toNodes negative", "{podName: db-0, toNodes: '-1'}", "spec.toNodes"),
        row("toNodes in hex", "{podName: db-0, toNodes: '0x1'}", "spec.toNodes"),
        row("toNodes with a blank", "{podName: db-0, toNodes: ' 1'}", "spec.toNodes"),
        row("toNodes a lone plus", "{podName: db-0, toNodes: '+'}", "spec.toNodes"),
        row("toNodes inverted twice", "{podName: db-0, toNodes: '!!1'}", "spec.toNodes"),
        row("toNodes all with more", "{podName: db-0, toNodes: 'all,1'}", "spec.toNodes"),
        row("toNodes a three-part range", "{podName: db-0, toNodes: '1-2-3'}", "spec.toNodes"),
        row(
            "fromNodes is a word",
            "{podName: db-0, fromNodes: abc, toNodes: '1'}",
            "spec.fromNodes"),
        row("fromNodes is empty", "{podName: db-0, fromNodes: '', toNodes: '1'}", "spec.fromNodes"),
        row(
            "fromNodes is a number",
            "{podName: db-0, fromNodes: 0, toNodes: '1'}",
            "spec.fromNodes in body must be of type string"),
        row(
            "fromNodes beyond node 1023",
            "{podName: db-0, fromNodes: '2048', toNodes: '1'}",
            "spec.fromNodes"),
        row(
            "fromNodes with a semicolon",
            "{podName: db-0, fromNodes: '0;1', toNodes: '1'}",
            "spec.fromNodes"),
        row("podName with capitals", "{podName: Db-0, toNodes: '1'}", "spec.podName"),
        row("podName empty", "{podName: '', toNodes: '1'}", "spec.podName"),
        row("podName too long", "{podName: " + LONG_NAME + ", toNodes: '1'}", "spec.podName"),
        row("podName with an underscore", "{podName: db_0, toNodes: '1'}", "spec.podName"),
        row("podName starting with a dash", "{podName: -db, toNodes: '1'}", "spec.podName"),
        row(
            "podName is a number",
            "{podName: 42, toNodes: '1'}",
            "spec.podName in body must be of type string"),
        row(
            "containers is a string",
            "{podName: db-0, containers: redis, toNodes: '1'}",
            "spec.containers"),
        row(
            "containers item is a number",
            "{podName: db-0, containers: [7], toNodes: '1'}",
            "spec.containers[0]"),
        row(
            "containers is an object",
            "{podName: db-0, containers: {name: redis}, toNodes: '1'}",
            "spec.containers"),
        row("selector is a string", "{selector: app=db, toNodes: '1'}", "spec.selector"),
        row(
            "matchLabels is a list",
            "{selector: {matchLabels: [app]}, toNodes: '1'}",
            "spec.selector.matchLabels"),
        row(
            "matchLabels value is a number",
            "{selector: {matchLabels: {app: 1}}, toNodes: '1'}",
            "spec.selector.matchLabels.app"),
        row(
            "matchExpressions is an object",
            "{selector: {matchExpressions: {key: tier}}, toNodes: '1'}",
            "spec.selector.matchExpressions"),
        row(
            "matchExpressions values is a string",
            "{selector: {matchExpressions: [{key: tier, operator: In, values: hot}]}, toNodes: '1'}",
            "spec.selector.matchExpressions[0].values"),
        row(
            "matchExpressions operator is a number",
            "{selector: {matchExpressions: [{key: tier, operator: 1}]}, toNodes: '1'}",
            "spec.selector.matchExpressions[0].operator"),
        row(
            "unknown field fromNode (typo)",
            "{podName: db-0, fromNode: '0', toNodes: '1'}",
            "spec.fromNode"),
        row(
            "unknown field container (typo)",
            "{podName: db-0, container: [redis], toNodes: '1'}",
            "spec.container"),
        row(
            "unknown field matchLabel (typo)",
            "{selector: {matchLabel: {app: db}}, toNodes: '1'}",
            "spec.selector.matchLabel"),
        row(
            "empty selector",
            "{selector: {}, toNodes: '1'}",
            "spec.selector: Invalid value: must have at least one matchLabels"),
        row(
            "selector with empty matchLabels",
            "{selector: {matchLabels: {}}, toNodes: '1'}",
            "an empty selector would match every pod of the namespace"),
        row("toNodes local with a node", "{podName: db-0, toNodes: '0,local'}", "spec.toNodes"),
        row("toNodes local inverted", "{podName: db-0, toNodes: '!local'}", "spec.toNodes"),
        row(
            "fromNodes local (a destination only)",
            "{podName: db-0, fromNodes: local, toNodes: local}",
            "spec.fromNodes in body should match"),
        row(
            "matchLabels key with a space",
            "{selector: {matchLabels: {'my app': db}}, toNodes: '1'}",
            "spec.selector.matchLabels: Invalid value: keys must be label keys"),
        row(
            "matchLabels key with two slashes",
            "{selector: {matchLabels: {'a/b/c': db}}, toNodes: '1'}",
            "keys must be label keys"),
        row(
            "matchLabels value with a space",
            "{selector: {matchLabels: {app: 'my db'}}, toNodes: '1'}",
            "spec.selector.matchLabels.app: Invalid value: \"my db\""),
        row(
            "matchLabels value of 64 characters",
            "{selector: {matchLabels: {app: " + "a".repeat(64) + "}}, toNodes: '1'}",
            "spec.selector.matchLabels.app: Too long"),
        row(
            "matchExpressions key ending in a dash",
            "{selector: {matchExpressions: [{key: tier-, operator: Exists}]}, toNodes: '1'}",
            "spec.selector.matchExpressions[0].key: Invalid value: \"tier-\""),
        row(
            "matchExpressions value with a slash",
            "{selector: {matchExpressions: [{key: tier, operator: In, values: [a/b]}]},"
                + " toNodes: '1'}",
            "spec.selector.matchExpressions[0].values[0]: Invalid value: \"a/b\""),
        row(
            "unknown matchExpressions operator",
            "{selector: {matchExpressions: [{key: tier, operator: Foo}]}, toNodes: '1'}",
            "spec.selector.matchExpressions[0].operator: Unsupported value: \"Foo\""),
        row(
            "matchExpressions without key",
            "{selector: {matchExpressions: [{operator: Exists}]}, toNodes: '1'}",
            "spec.selector.matchExpressions[0].key: Required value"),
        row(
            "In without values",
            "{selector: {matchExpressions: [{key: tier, operator: In}]}, toNodes: '1'}",
            "spec.selector.matchExpressions[0].values: Invalid value"),
        row(
            "Exists with values",
            "{selector: {matchExpressions: [{key: tier, operator: Exists, values: [a]}]},"
                + " toNodes: '1'}",
            "Exists and DoesNotExist take none"),
        row(
            "empty container name",
            "{podName: db-0, containers: [''], toNodes: '1'}",
            "spec.containers[0]: Invalid value: \"\": spec.containers[0] in body should be at least 1 chars long"),
        row(
            "container named twice",
            "{podName: db-0, containers: [a, a], toNodes: '1'}",
            "spec.containers: Invalid value: container names must be unique"),
        row(
            "33 containers",
            "{podName: db-0, containers: ["
                + java.util.stream.IntStream.range(0, 33)
                    .mapToObj(i -> "c" + i)
                    .collect(java.util.stream.Collectors.joining(", "))
                + "], toNodes: '1'}",
            "spec.containers: Too many: 33: must have at most 32 items"),
        row(
            "toNodes of 6,000 characters",
            "{podName: db-0, toNodes: '" + "0,".repeat(2999) + "0'}",
            "spec.toNodes: Too long: may not be more than 4096"),
        row(
            "maxPausePerCall with a blank",
            "{podName: db-0, toNodes: '1', mode: Bounded, maxPausePerCall: 10 ms}",
            "spec.maxPausePerCall in body should match"),
        row(
            "maxPausePerCall beyond 10s",
            "{podName: db-0, toNodes: '1', mode: Bounded, maxPausePerCall: 20s}",
            "spec.maxPausePerCall: Invalid value: \"20s\": must lie between 100us and 10s"),
        row(
            "rateLimit with a decimal suffix",
            "{podName: db-0, toNodes: '1', mode: Bounded, rateLimit: 200M}",
            "spec.rateLimit in body should match"),
        row(
            "rateLimit with mode Whole",
            "{podName: db-0, toNodes: '1', mode: Whole, rateLimit: 200Mi}",
            ApiGroup.BOUNDED_ONLY),
        row(
            "mode in lower case",
            "{podName: db-0, toNodes: '1', mode: bounded}",
            "spec.mode: Unsupported value: \"bounded\""),
        Arguments.of(
            "name with capitals", "Move-DB", "{podName: db-0, toNodes: '1'}", "metadata.name"));
  }

  private static Arguments row(String what, String spec, String expected) {
    return Arguments.of(what, "invalid", spec, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalid")
  void isRejectedNamingTheField(
      String what, String name, String spec, String expected, KubernetesClient client) {
    GenericKubernetesResource migration =
        client
            .getKubernetesSerialization()
            .unmarshal(yaml(name, spec), GenericKubernetesResource.class);

    KubernetesClientException rejection =
        catchThrowableOfType(
            KubernetesClientException.class,
            () -> client.resource(migration).fieldValidation(Validation.STRICT).create());

    assertThat(rejection).as("%s was accepted", what).isNotNull();
    assertThat(rejection.getCode()).as(rejection.getMessage()).isIn(400, 422);
    // The API server's own message (the client's wraps it with the request URL).
    assertThat(rejection.getStatus().getMessage()).contains(expected);
  }

  private static String yaml(String name, String spec) {
    return "apiVersion: migratepages.io/v1alpha1\n"
        + "kind: NumaMigration\n"
        + "metadata:\n"
        + "  name: "
        + name
        + "\n"
        + "  namespace: default\n"
        + (spec == null ? "" : "spec: " + spec + "\n");
  }
}
