package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Edits of test objects by JSON pointer, creating parents as needed. */
final class Objects {
  static ObjectNode yaml(String yaml) {
    return (ObjectNode) CrdYaml.read(yaml);
  }

  static ObjectNode with(ObjectNode root, String pointer, JsonNode value) {
    ObjectNode copy = root.deepCopy();
    int slash = pointer.lastIndexOf('/');
    parent(copy, pointer.substring(0, slash)).set(pointer.substring(slash + 1), value);
    return copy;
  }

  static ObjectNode with(ObjectNode root, String pointer, String value) {
    return with(root, pointer, JsonNodeFactory.instance.textNode(value));
  }

  static ObjectNode without(ObjectNode root, String pointer) {
    ObjectNode copy = root.deepCopy();
    int slash = pointer.lastIndexOf('/');
    ((ObjectNode) copy.at(pointer.substring(0, slash))).remove(pointer.substring(slash + 1));
    return copy;
  }

  /** The object at {@code pointer}; missing objects on the way are created, arrays indexed. */
  private static ObjectNode parent(ObjectNode root, String pointer) {
    JsonNode node = root;
    for (String name : pointer.split("/")) {
      if (name.isEmpty()) {
        continue;
      }
      if (node.isArray()) {
        node = node.get(Integer.parseInt(name));
      } else {
        ObjectNode object = (ObjectNode) node;
        node = object.has(name) ? object.get(name) : object.putObject(name);
      }
    }
    return (ObjectNode) node;
  }

  private Objects() {}
}
