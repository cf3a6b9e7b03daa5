package io.migratepages.api.format;

import java.util.regex.Matcher;

/**
 * A NumaMigration's {@code spec.rateLimit}: bytes per second as a Kubernetes quantity with binary
 * suffixes only (plain bytes, Ki, Mi, Gi, Ti; e.g. 200Mi), above 0. The one parser, used by the CRD
 * pattern, the operator and the node agent.
 */
public final class ByteRates {
  /** Syntax only; zero and overflow are refused by {@link #parse}. */
  public static final String PATTERN = "^[0-9]{1,15}(Ki|Mi|Gi|Ti)?$";

  public static final String FORMS =
      "bytes per second: a whole number above 0, optionally with Ki, Mi, Gi or Ti, e.g. 200Mi";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

  private ByteRates() {}

  /**
   * @throws IllegalArgumentException with a message saying what is valid (without the field's name)
   */
  public static long parse(String text) {
    Matcher m = COMPILED.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException("\"" + text + "\" is not a rate (expected " + FORMS + ")");
    }
    int shift =
        m.group(1) == null
            ? 0
            : switch (m.group(1)) {
              case "Ki" -> 10;
              case "Mi" -> 20;
              case "Gi" -> 30;
              default -> 40;
            };
    long value = Long.parseLong(m.group(1) == null ? text : text.substring(0, m.start(1)));
    if (value == 0) {
      throw new IllegalArgumentException("0 would move nothing (expected " + FORMS + ")");
    }
    if (value > (Long.MAX_VALUE >> shift)) {
      throw new IllegalArgumentException(text + " is too large");
    }
    return value << shift;
  }
}
