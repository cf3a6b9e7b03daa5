package io.migratepages.kubectl;

import io.migratepages.api.format.Timestamps;
import java.time.Duration;
import java.time.Instant;

/** Ages as kubectl prints them: 45s, 12m, 3h, 2d. */
final class Ages {
  private Ages() {}

  static String since(String timestamp, Instant now) {
    return Timestamps.parse(timestamp).map(t -> of(Duration.between(t, now))).orElse("<unknown>");
  }

  static String of(Duration age) {
    long s = Math.max(0, age.getSeconds());
    if (s < 120) {
      return s + "s";
    }
    if (s < 2 * 3600) {
      return s / 60 + "m";
    }
    if (s < 2 * 86400) {
      return s / 3600 + "h";
    }
    return s / 86400 + "d";
  }
}
