package io.migratepages.api.format;

/**
 * Escapes control characters ({@code \r}, {@code \x0b}, ESC) so echoed input cannot garble a
 * terminal or a status message.
 */
public final class ControlCharacters {
  private ControlCharacters() {}

  public static String escape(String text) {
    StringBuilder escaped = new StringBuilder(text.length());
    for (char c : text.toCharArray()) {
      switch (c) {
        case '\n' -> escaped.append("\\n");
        case '\r' -> escaped.append("\\r");
        case '\t' -> escaped.append("\\t");
        default -> {
          if (Character.isISOControl(c)) {
            escaped.append(String.format("\\x%02x", (int) c));
          } else {
            escaped.append(c);
          }
        }
      }
    }
    return escaped.toString();
  }
}
