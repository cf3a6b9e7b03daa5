package io.migratepages.operator;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Byte counts for people, in Kubernetes' binary suffixes: 0, 512, 1.5Ki, 256Mi, 3.2Gi. */
public final class ByteSizes {
  private static final String[] SUFFIXES = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private ByteSizes() {}

  public static String human(long bytes) {
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    int exponent = (63 - Long.numberOfLeadingZeros(bytes)) / 10;
    BigDecimal value =
        BigDecimal.valueOf(bytes)
            .divide(BigDecimal.valueOf(1L << (10 * exponent)), 1, RoundingMode.HALF_UP)
            .stripTrailingZeros();
    if (value.compareTo(BigDecimal.valueOf(1024)) >= 0 && exponent < SUFFIXES.length) {
      // 1023.96Ki rounds up to 1024.0Ki: show it as 1Mi.
      value = BigDecimal.ONE;
      exponent++;
    }
    return value.toPlainString() + SUFFIXES[exponent - 1];
  }
}
