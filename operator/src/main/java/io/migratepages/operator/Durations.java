package io.migratepages.operator;

import java.time.Duration;
import java.util.Locale;

/** Durations in messages: 60s, 1m30s, 250ms. */
public final class Durations {
  private Durations() {}

  public static String human(Duration duration) {
    return duration.toString().substring(2).toLowerCase(Locale.ROOT);
  }
}
