package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What kube-apiserver does with a create request for a custom resource, reproduced from the CRD
 * alone (the Fabric8 mock server used by the other tests enforces no schema and no CEL):
 *
 * <ol>
 *   <li>apiVersion and kind must name the CRD's kind and a served version; metadata.name must be a
 *       DNS subdomain;
 *   <li>with the status subresource, a create ignores any status in the request (status is written
 *       through /status only, see {@link #statusUpdate});
 *   <li>fields the structural schema does not declare are pruned; {@link FieldValidation} says
 *       whether that fails the request (kubectl), warns (other clients) or passes silently;
 *   <li>{@code default}s are applied;
 *   <li>the openAPIV3Schema is validated ({@link OpenApiSchemaCheck});
 *   <li>x-kubernetes-validations CEL rules are evaluated ({@link CelRuleCheck}).
 * </ol>
 */
public final class ApiServerAdmission {
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final int MAX_NAME_LENGTH = 253;

  private final String apiVersion;
  private final String kind;
  private final JsonNode schema;
  private final boolean statusSubresource;
  private final OpenApiSchemaCheck schemaCheck;
  private final CelRuleCheck celCheck;

  private ApiServerAdmission(JsonNode crd) {
    JsonNode version = crd.at("/spec/versions/0");
    this.apiVersion = crd.at("/spec/group").asText() + "/" + version.path("name").asText();
    this.kind = crd.at("/spec/names/kind").asText();
    this.schema = version.at("/schema/openAPIV3Schema");
    this.statusSubresource = version.at("/subresources/status").isObject();
    if (!schema.isObject()) {
      throw new IllegalArgumentException("CRD " + kind + " has no openAPIV3Schema");
    }
    this.schemaCheck = new OpenApiSchemaCheck(schema);
    this.celCheck = new CelRuleCheck(schema, kind);
  }

  /** Admission by the CRD this build generated for {@code type}. */
  public static ApiServerAdmission forKind(Class<? extends HasMetadata> type) {
    return forCrd(CrdYaml.read(CrdFiles.generated(type)));
  }

  public static ApiServerAdmission forCrd(JsonNode crd) {
    if (crd.at("/spec/versions").size() != 1) {
      throw new IllegalArgumentException("only CRDs with one version are handled");
    }
    return new ApiServerAdmission(crd);
  }

  public String apiVersion() {
    return apiVersion;
  }

  public String kind() {
    return kind;
  }

  int celRuleCount() {
    return celCheck.ruleCount();
  }

  /** As {@code kubectl create/apply} sends it: unknown fields fail the request. */
  public Admission create(String yaml) {
    return create(CrdYaml.read(yaml), FieldValidation.STRICT);
  }

  public Admission create(JsonNode request, FieldValidation fieldValidation) {
    JsonNode object = request.deepCopy();
    if (statusSubresource && object.isObject()) {
      ((ObjectNode) object).remove("status");
    }
    return admit(object, fieldValidation);
  }

  /**
   * A write through the /status subresource (what the operator and the agent do): the whole object
   * is validated, status included. Clients such as Fabric8 send no fieldValidation, hence WARN.
   */
  public Admission statusUpdate(JsonNode request) {
    if (!statusSubresource) {
      throw new IllegalStateException(kind + " has no status subresource");
    }
    return admit(request.deepCopy(), FieldValidation.WARN);
  }

  private Admission admit(JsonNode object, FieldValidation fieldValidation) {
    List<Violation> violations = new ArrayList<>();
    List<String> warnings = new ArrayList<>();
    if (!object.isObject()) {
      violations.add(new Violation(JsonPath.ROOT, "a " + kind + " must be a YAML mapping"));
      return new Admission(object, violations, warnings);
    }
    checkTypeMeta(object, violations);
    checkName(object, violations);

    for (String field : StructuralPruning.prune(object, schema)) {
      String message = "unknown field \"" + JsonPath.kubernetesStyle(field) + "\"";
      switch (fieldValidation) {
        case STRICT -> violations.add(new Violation(field, "strict decoding error: " + message));
        case WARN -> warnings.add(message);
        case IGNORE -> {}
      }
    }
    Defaulting.apply(object, schema);
    violations.addAll(schemaCheck.check(object));
    // The API server then also says that some rules were not checked; that note is not modeled.
    if (!schemaCheck.blocksCelRules(object)) {
      violations.addAll(celCheck.check(object));
    }
    return new Admission(object, violations, warnings);
  }

  private void checkTypeMeta(JsonNode object, List<Violation> violations) {
    if (!apiVersion.equals(object.path("apiVersion").asText())) {
      violations.add(
          new Violation(
              "$.apiVersion",
              "Invalid value " + object.path("apiVersion") + ": must be " + apiVersion));
    }
    if (!kind.equals(object.path("kind").asText())) {
      violations.add(
          new Violation("$.kind", "Invalid value " + object.path("kind") + ": must be " + kind));
    }
  }

  private static void checkName(JsonNode object, List<Violation> violations) {
    JsonNode metadata = object.path("metadata");
    String name = metadata.path("name").asText("");
    if (name.isEmpty()) {
      if (!metadata.hasNonNull("generateName")) {
        violations.add(
            new Violation("$.metadata.name", "Required value: name or generateName is required"));
      }
    } else if (name.length() > MAX_NAME_LENGTH || !DNS_SUBDOMAIN.matcher(name).matches()) {
      violations.add(
          new Violation(
              "$.metadata.name",
              "Invalid value \""
                  + name
                  + "\": must be a lowercase RFC 1123 subdomain of at most 253 characters"
                  + " (a-z, 0-9, '-' and '.', starting and ending with a letter or digit)"));
    }
  }
}
