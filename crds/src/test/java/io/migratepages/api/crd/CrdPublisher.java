package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the CRD the Fabric8 generator wrote into the text we commit: printer columns in the order
 * the annotations are declared on the class (the generator sorts them by name, and kubectl shows
 * them in list order), keys sorted, a header saying where the file comes from.
 */
public final class CrdPublisher {

  static String header(Class<?> type) {
    return "# Generated from "
        + type.getName()
        + " by the crds module's build. Do not edit by hand.\n"
        + "# Refresh after changing the API classes: "
        + CrdFiles.REFRESH_COMMAND
        + "\n";
  }

  public static String publish(Class<?> type, String generatedYaml) {
    JsonNode crd = CrdYaml.read(generatedYaml).deepCopy();
    List<String> declared = declaredColumnNames(type);
    for (JsonNode version : crd.path("spec").path("versions")) {
      reorderColumns(type, (ArrayNode) version.get("additionalPrinterColumns"), declared);
    }
    return header(type) + CrdYaml.render(crd);
  }

  static List<String> declaredColumnNames(Class<?> type) {
    return Arrays.stream(type.getAnnotationsByType(AdditionalPrinterColumn.class))
        .map(AdditionalPrinterColumn::name)
        .toList();
  }

  private static void reorderColumns(Class<?> type, ArrayNode columns, List<String> declared) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    if (columns != null) {
      columns.forEach(column -> byName.put(column.path("name").asText(), column));
    }
    if (!byName.keySet().equals(new java.util.HashSet<>(declared))) {
      throw new IllegalStateException(
          "printer columns of the generated CRD "
              + byName.keySet()
              + " differ from the @AdditionalPrinterColumn annotations on "
              + type.getName()
              + " "
              + declared
              + ": the generator changed how it treats them, CrdPublisher needs a look");
    }
    ArrayNode ordered = JsonNodeFactory.instance.arrayNode();
    declared.forEach(name -> ordered.add(byName.get(name)));
    columns.removeAll();
    columns.addAll(ordered);
  }

  private CrdPublisher() {}
}
