package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.CelValidationResult;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CRD's x-kubernetes-validations, compiled and evaluated with Google's CEL as the API server
 * does: each rule is type-checked against the schema at its level (a rule naming a field that does
 * not exist would make the API server refuse the CRD, and fails here), and evaluated with {@code
 * self} bound to the value at that level, wherever that value is present.
 */
final class CelRuleCheck {
  /** {@code fieldPath}: where the API server reports a failure, relative to the rule's level. */
  private record CompiledRule(
      String rule, String message, String fieldPath, CelRuntime.Program program) {}

  private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().build();

  private final JsonNode rootSchema;
  private final Map<JsonNode, List<CompiledRule>> rulesBySchema = new IdentityHashMap<>();
  private final Map<String, CelType> structs = new LinkedHashMap<>();

  CelRuleCheck(JsonNode rootSchema, String kind) {
    this.rootSchema = rootSchema;
    CelType rootType = typeOf(rootSchema, kind);
    CelTypeProvider types = new StructTypes(structs);
    collectRules(rootSchema, rootType, JsonPath.ROOT, types);
  }

  /** How many rules the schema declares; lets tests show the rules were found at all. */
  int ruleCount() {
    return rulesBySchema.values().stream().mapToInt(List::size).sum();
  }

  List<Violation> check(JsonNode object) {
    List<Violation> violations = new ArrayList<>();
    SchemaWalk.walk(
        object,
        rootSchema,
        JsonPath.ROOT,
        (value, schema, path) -> {
          for (CompiledRule rule : rulesBySchema.getOrDefault(schema, List.of())) {
            evaluate(rule, value, path).ifPresent(violations::add);
          }
        });
    return violations;
  }

  private static Optional<Violation> evaluate(CompiledRule rule, JsonNode value, String path) {
    try {
      Object result = rule.program().eval(Map.of("self", CelValues.of(value)));
      if (Boolean.TRUE.equals(result)) {
        return Optional.empty();
      }
      return Optional.of(
          new Violation(
              path + rule.fieldPath(),
              "Invalid value: \"" + kindOf(value) + "\": " + rule.message()));
    } catch (CelEvaluationException e) {
      return Optional.of(
          new Violation(
              path, "rule " + rule.rule() + " could not be evaluated: " + e.getMessage()));
    }
  }

  /** How Kubernetes names the value a rule rejected: "object", "array", "string", ... */
  private static String kindOf(JsonNode value) {
    if (value.isObject()) {
      return "object";
    }
    if (value.isArray()) {
      return "array";
    }
    return value.asText();
  }

  private void collectRules(JsonNode schema, CelType selfType, String path, CelTypeProvider types) {
    List<CompiledRule> rules = new ArrayList<>();
    for (JsonNode validation : schema.path("x-kubernetes-validations")) {
      String rule = validation.path("rule").asText();
      String message =
          validation.has("message") ? validation.get("message").asText() : "failed rule: " + rule;
      rules.add(
          new CompiledRule(
              rule,
              message,
              validation.path("fieldPath").asText(""),
              compile(rule, selfType, path, types)));
    }
    if (!rules.isEmpty()) {
      rulesBySchema.put(schema, rules);
    }
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      collectRules(
          property.getValue(),
          fieldType(selfType, property.getKey()),
          JsonPath.field(path, property.getKey()),
          types);
    }
    if (schema.path("items").isObject()) {
      collectRules(
          schema.get("items"),
          selfType instanceof ListType list ? list.elemType() : SimpleType.DYN,
          path + "[*]",
          types);
    }
    if (schema.path("additionalProperties").isObject()) {
      collectRules(
          schema.get("additionalProperties"),
          selfType instanceof MapType map ? map.valueType() : SimpleType.DYN,
          path + "[*]",
          types);
    }
  }

  private static CelRuntime.Program compile(
      String rule, CelType selfType, String path, CelTypeProvider types) {
    CelCompiler compiler =
        CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
            .setTypeProvider(types)
            .addVar("self", selfType)
            .setResultType(SimpleType.BOOL)
            .build();
    CelValidationResult compiled = compiler.compile(rule);
    if (compiled.hasError()) {
      throw new IllegalArgumentException(
          "x-kubernetes-validations rule at "
              + path
              + " does not compile against the schema (the API server would refuse the CRD): "
              + compiled.getErrorString());
    }
    try {
      CelAbstractSyntaxTree ast = compiled.getAst();
      return RUNTIME.createProgram(ast);
    } catch (CelValidationException | CelEvaluationException e) {
      throw new IllegalArgumentException("rule at " + path + ": " + e.getMessage(), e);
    }
  }

  private static CelType fieldType(CelType parent, String field) {
    if (parent instanceof StructType struct) {
      return struct.findField(field).map(StructType.Field::type).orElse(SimpleType.DYN);
    }
    return SimpleType.DYN;
  }

  /** The CEL type Kubernetes gives a schema node: objects with properties become struct types. */
  private CelType typeOf(JsonNode schema, String name) {
    if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
        || schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
      return SimpleType.DYN;
    }
    switch (schema.path("type").asText()) {
      case "string":
        return SimpleType.STRING;
      case "integer":
        return SimpleType.INT;
      case "number":
        return SimpleType.DOUBLE;
      case "boolean":
        return SimpleType.BOOL;
      case "array":
        return ListType.create(typeOf(schema.path("items"), name + ".items"));
      case "object":
        if (schema.path("additionalProperties").isObject()) {
          return MapType.create(
              SimpleType.STRING,
              typeOf(schema.get("additionalProperties"), name + ".additionalProperties"));
        }
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
          fields.put(
              property.getKey(), typeOf(property.getValue(), name + "." + property.getKey()));
        }
        StructType struct =
            StructType.create(
                name,
                ImmutableSet.copyOf(fields.keySet()),
                field -> Optional.ofNullable(fields.get(field)));
        structs.put(name, struct);
        return struct;
      default:
        return SimpleType.DYN;
    }
  }

  /** Makes the schema's struct types known to the CEL type checker. */
  private record StructTypes(Map<String, CelType> byName) implements CelTypeProvider {
    @Override
    public ImmutableList<CelType> types() {
      return ImmutableList.copyOf(byName.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
      return Optional.ofNullable(byName.get(typeName));
    }
  }
}
