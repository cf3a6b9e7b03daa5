package io.migratepages.cli;

import io.migratepages.engine.MoveOptions;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code --bounded}, {@code --max-pause} and {@code --rate} as the engine's {@link MoveOptions}.
 */
final class MoveModeArguments {
  static final String DURATION_FORMS = "a number and a unit: ns, us, ms or s, e.g. 500us, 10ms";
  static final String RATE_FORMS =
      "bytes per second: a whole number, optionally with K, M, G or T (powers of 1024), e.g. 200M";

  private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})(ns|us|ms|s)");
  private static final Pattern RATE = Pattern.compile("([0-9]{1,15})([KMGT]?)");

  private MoveModeArguments() {}

  /**
   * WHOLE unless one of the options asks for BOUNDED; {@code --max-pause}/{@code --rate} imply it.
   */
  static MoveOptions of(boolean bounded, String maxPause, String rate) {
    if (!bounded && maxPause == null && rate == null) {
      return MoveOptions.whole();
    }
    Duration pause = maxPause == null ? MoveOptions.DEFAULT_MAX_PAUSE : duration(maxPause);
    long bytesPerSecond = rate == null ? 0 : rate(rate);
    return MoveOptions.bounded(pause, bytesPerSecond);
  }

  static Duration duration(String text) {
    Matcher m = DURATION.matcher(text);
    if (!m.matches()) {
      throw new CliError(
          "--max-pause: \"" + text + "\" is not a duration (expected " + DURATION_FORMS + ")");
    }
    long value = Long.parseLong(m.group(1));
    Duration d =
        switch (m.group(2)) {
          case "ns" -> Duration.ofNanos(value);
          case "us" -> Duration.ofNanos(value * 1_000);
          case "ms" -> Duration.ofMillis(value);
          default -> Duration.ofSeconds(value);
        };
    if (d.compareTo(MoveOptions.MIN_MAX_PAUSE) < 0 || d.compareTo(MoveOptions.MAX_MAX_PAUSE) > 0) {
      throw new CliError(
          "--max-pause: " + text + " is out of range (valid: from 100us to 10s; default 10ms)");
    }
    return d;
  }

  static long rate(String text) {
    Matcher m = RATE.matcher(text.toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new CliError("--rate: \"" + text + "\" is not a rate (expected " + RATE_FORMS + ")");
    }
    int shift =
        switch (m.group(2)) {
          case "K" -> 10;
          case "M" -> 20;
          case "G" -> 30;
          case "T" -> 40;
          default -> 0;
        };
    long value = Long.parseLong(m.group(1));
    if (value == 0) {
      throw new CliError("--rate: 0 would move nothing (expected " + RATE_FORMS + ")");
    }
    if (value > (Long.MAX_VALUE >> shift)) {
      throw new CliError("--rate: " + text + " is too large");
    }
    return value << shift;
  }
}
