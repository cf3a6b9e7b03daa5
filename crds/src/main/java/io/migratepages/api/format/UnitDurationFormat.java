package io.migratepages.api.format;

import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parser shared by the API's duration formats: a whole number, then one of a fixed set of
 * units, within bounds. Each format keeps its own pattern, units and range.
 */
record UnitDurationFormat(
    Pattern pattern,
    Map<String, Duration> units,
    Duration min,
    Duration max,
    String forms,
    String range) {

  /**
   * @throws IllegalArgumentException with a message saying what is valid (without the field's name,
   *     which the caller puts in front)
   */
  Duration parse(String text) {
    Matcher m = pattern.matcher(text);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "\"" + text + "\" is not a duration (expected " + forms + ")");
    }
    long value = Long.parseLong(text.substring(0, m.start(1)));
    Duration d = units.get(m.group(1)).multipliedBy(value);
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new IllegalArgumentException(text + " is out of range (valid: " + range + ")");
    }
    return d;
  }
}
