package io.migratepages.api.format;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Byte counts for people, in Kubernetes' binary suffixes with at most one decimal: 0, 1023, 1Ki,
 * 1.5Ki, 150.4Mi, 8Ei. The one formatter of the project, so a printer column, a pod's status and a
 * CLI message show the same text for the same bytes.
 */
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
      // 1023.96Ki rounds to 1024.0Ki: that is 1Mi.
      value = BigDecimal.ONE;
      exponent++;
    }
    return value.toPlainString() + SUFFIXES[exponent - 1];
  }
}
