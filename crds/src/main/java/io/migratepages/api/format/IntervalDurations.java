package io.migratepages.api.format;

import java.time.Duration;
import java.util.Map;

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

  private static final UnitDurationFormat FORMAT =
      new UnitDurationFormat(
          java.util.regex.Pattern.compile(PATTERN),
          Map.of("s", Duration.ofSeconds(1), "m", Duration.ofMinutes(1), "h", Duration.ofHours(1)),
          MIN,
          MAX,
          FORMS,
          RANGE);

  private IntervalDurations() {}

  /**
   * @throws IllegalArgumentException with a message saying what is valid (without the field's name,
   *     which the caller puts in front)
   */
  public static Duration parse(String text) {
    return FORMAT.parse(text);
  }
}
