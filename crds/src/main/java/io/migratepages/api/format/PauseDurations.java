package io.migratepages.api.format;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Map;

/**
 * The longest pause per move_pages call, as a NumaMigration's {@code spec.maxPausePerCall} writes
 * it: a whole number and a unit (ns, us, ms, s), from 100us to 10s. The one parser, used by the CRD
 * pattern, the operator and the node agent.
 */
public final class PauseDurations {
  /** Syntax only; the bounds are checked by {@link #parse}. */
  public static final String PATTERN = "^[0-9]{1,12}(ns|us|ms|s)$";

  public static final String FORMS = "a whole number and a unit: ns, us, ms or s, e.g. 500us, 10ms";
  public static final Duration MIN = Duration.ofNanos(100_000);
  public static final Duration MAX = Duration.ofSeconds(10);
  public static final String RANGE = "from 100us to 10s";

  private static final UnitDurationFormat FORMAT =
      new UnitDurationFormat(
          java.util.regex.Pattern.compile(PATTERN),
          Map.of(
              "ns",
              Duration.ofNanos(1),
              "us",
              Duration.ofNanos(1_000),
              "ms",
              Duration.ofMillis(1),
              "s",
              Duration.ofSeconds(1)),
          MIN,
          MAX,
          FORMS,
          RANGE);

  private PauseDurations() {}

  /**
   * @throws IllegalArgumentException with a message saying what is valid (without the field's name,
   *     which the caller puts in front)
   */
  public static Duration parse(String text) {
    return FORMAT.parse(text);
  }

  private static final String[] UNITS = {"us", "ms", "s"};

  /**
   * A measured pause for people, with at most one decimal and the largest unit below 1000 of it:
   * 830us, 1.5ms, 12ms, 2.3s (what a printer column shows).
   */
  public static String human(long micros) {
    int unit = 0;
    BigDecimal value = BigDecimal.valueOf(micros);
    BigDecimal thousand = BigDecimal.valueOf(1000);
    while (unit < UNITS.length - 1
        && value.setScale(1, RoundingMode.HALF_UP).compareTo(thousand) >= 0) {
      value = value.divide(thousand);
      unit++;
    }
    return value
            .setScale(unit == 0 ? 0 : 1, RoundingMode.HALF_UP)
            .stripTrailingZeros()
            .toPlainString()
        + UNITS[unit];
  }
}
