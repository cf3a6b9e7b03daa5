package io.migratepages.engine;

import java.time.Duration;

/**
 * How to move: {@link MoveMode#WHOLE}, or {@link MoveMode#BOUNDED} with a time budget per {@code
 * move_pages} call and an optional rate limit.
 *
 * @param maxPausePerCall the time one move_pages call should take at most (batch sizes adapt to
 *     it); ignored in WHOLE mode
 * @param rateLimitBytesPerSecond at most this many bytes per second on average; 0 for no limit;
 *     ignored in WHOLE mode
 */
public record MoveOptions(MoveMode mode, Duration maxPausePerCall, long rateLimitBytesPerSecond) {

  public static final Duration DEFAULT_MAX_PAUSE = Duration.ofMillis(10);

  /** Shortest budget accepted: below it one 4 KiB page alone may take longer. */
  public static final Duration MIN_MAX_PAUSE = Duration.ofNanos(100_000);

  /** Longest budget accepted: beyond it the whole path is the better choice. */
  public static final Duration MAX_MAX_PAUSE = Duration.ofSeconds(10);

  public MoveOptions {
    if (mode == null) {
      throw new IllegalArgumentException("mode: required (WHOLE or BOUNDED)");
    }
    if (maxPausePerCall == null) {
      maxPausePerCall = DEFAULT_MAX_PAUSE;
    }
    if (maxPausePerCall.compareTo(MIN_MAX_PAUSE) < 0
        || maxPausePerCall.compareTo(MAX_MAX_PAUSE) > 0) {
      throw new IllegalArgumentException(
          "maximum pause per call "
              + maxPausePerCall.toNanos()
              + " ns is out of range: it must lie between 100us and 10s");
    }
    if (rateLimitBytesPerSecond < 0) {
      throw new IllegalArgumentException(
          "rate limit " + rateLimitBytesPerSecond + " bytes/s is negative (0 means no limit)");
    }
  }

  public static MoveOptions whole() {
    return new MoveOptions(MoveMode.WHOLE, DEFAULT_MAX_PAUSE, 0);
  }

  /** Bounded with the default budget (10 ms per call) and no rate limit. */
  public static MoveOptions bounded() {
    return new MoveOptions(MoveMode.BOUNDED, DEFAULT_MAX_PAUSE, 0);
  }

  public static MoveOptions bounded(Duration maxPausePerCall, long rateLimitBytesPerSecond) {
    return new MoveOptions(MoveMode.BOUNDED, maxPausePerCall, rateLimitBytesPerSecond);
  }

  public boolean rateLimited() {
    return rateLimitBytesPerSecond > 0;
  }
}
