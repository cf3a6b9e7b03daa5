package io.migratepages.api.format;

import java.time.Duration;
import java.util.regex.Matcher;

/**
 * A NumaPlacementPolicy's {@code spec.checkInterval} and {@code spec.cooldown}: a whole number and
 * a unit (s, m, h), from 1s to 24h, a form CEL's {@code duration()} also reads. The one parser,
 * used by the CRD pattern and the operator.
 */
public final class IntervalDurations {
  /** Syntax only; the bounds are checked by {@link #parse} (and by CEL in the CRD). */
  public static final String PATTERN = "^[0-9]{1,6}(s|m|h)$";

  public static final String FORMS = "a whole number and a unit: s, m or h, e.g. 30s, 10m, 1h";
  public static final Duration MIN = Duration.ofSeconds(1);
  public static final Duration MAX = Duration.ofHours(24);
  public static final String RANGE = "from 1s to 24h";

  /** The CEL bound check of a field with this format, guarded by the pattern. */
  public static final String CEL_RANGE =
      "!self.matches('"
          + PATTERN
          + "') || (duration(self) >= duration('1s') && duration(self) <= duration('24h'))";

  private static final java.util.regex.Pattern COMPILED = java.util.regex.Pattern.compile(PATTERN);

  private IntervalDurations() {}

  /**
   * @throws IllegalArgumentException with a message saying what is valid (without the field's name,
   *     which the caller puts in front)
   */
  public static Duration parse(String text) {
    Matcher m = COMPILED.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (expected " + FORMS + ")");
    }
    long value = Long.parseLong(text.substring(0, m.start(1)));
    Duration d =
        switch (m.group(1)) {
          case "s" -> Duration.ofSeconds(value);
          case "m" -> Duration.ofMinutes(value);
          default -> Duration.ofHours(value);
        };
    if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
      throw new IllegalArgumentException(text + " is out of range (valid: " + RANGE + ")");
    }
    return d;
  }
}
