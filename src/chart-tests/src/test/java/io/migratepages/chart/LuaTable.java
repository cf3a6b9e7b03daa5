package io.migratepages.chart;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/**
 * A JSON value as a Lua table constructor, the way Argo CD hands an object to a health check:
 * objects become tables with string keys, arrays 1-based sequences, numbers Lua numbers, null nil.
 */
final class LuaTable {
  private LuaTable() {}

  static String of(JsonNode node) {
    StringBuilder out = new StringBuilder();
    write(node, out);
    return out.toString();
  }

  private static void write(JsonNode node, StringBuilder out) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      out.append("nil");
    } else if (node.isObject()) {
      out.append('{');
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.append('[');
        string(field.getKey(), out);
        out.append("]=");
        write(field.getValue(), out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isArray()) {
      out.append('{');
      for (JsonNode item : node) {
        write(item, out);
        out.append(',');
      }
      out.append('}');
    } else if (node.isNumber()) {
      out.append(node.asText());
    } else if (node.isBoolean()) {
      out.append(node.asBoolean());
    } else {
      string(node.asText(), out);
    }
  }

  /** A double-quoted Lua string; bytes outside printable ASCII as decimal escapes. */
  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (c == '"' || c == '\\') {
        out.append('\\').append((char) c);
      } else if (c >= 0x20 && c < 0x7f) {
        out.append((char) c);
      } else {
        out.append('\\').append(c);
      }
    }
    out.append('"');
  }
}
