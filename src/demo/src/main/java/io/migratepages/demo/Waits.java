package io.migratepages.demo;

import java.time.Duration;

/** Sleeping in poll loops. */
final class Waits {
  private Waits() {}

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DemoException("interrupted", e);
    }
  }
}
