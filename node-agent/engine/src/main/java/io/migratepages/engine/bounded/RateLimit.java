package io.migratepages.engine.bounded;

/**
 * Keeps the average at or below a rate: before a batch, waits until the bytes moved so far would
 * have taken that long at the rate. Also caps a batch at a tenth of a second's worth of bytes, so
 * that the pace stays even instead of one large batch followed by a long wait.
 */
final class RateLimit {
  private static final long SHARE_OF_SECOND = 10;

  private final long bytesPerSecond;

  RateLimit(long bytesPerSecond) {
    this.bytesPerSecond = bytesPerSecond;
  }

  boolean limited() {
    return bytesPerSecond > 0;
  }

  /** Pages one batch may hold; {@link Integer#MAX_VALUE} without a limit. */
  int maxBatchPages(long pageSize) {
    if (!limited()) {
      return Integer.MAX_VALUE;
    }
    return (int)
        Math.max(1, Math.min(Integer.MAX_VALUE, bytesPerSecond / SHARE_OF_SECOND / pageSize));
  }

  /** How long to wait now, given {@code bytesMoved} since {@code elapsedNanos} ago. */
  long waitNanos(long bytesMoved, long elapsedNanos) {
    if (!limited()) {
      return 0;
    }
    long due = (long) (bytesMoved * 1e9 / bytesPerSecond);
    return Math.max(0, due - elapsedNanos);
  }
}
