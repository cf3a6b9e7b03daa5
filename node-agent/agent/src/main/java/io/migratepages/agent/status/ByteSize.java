package io.migratepages.agent.status;

/** Byte counts the way Kubernetes quantities read: 512, 4Ki, 256Mi, 1.5Gi. */
public final class ByteSize {
  private static final String[] UNITS = {"Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

  private ByteSize() {}

  public static String human(long bytes) {
    if (bytes < 1024) {
      return Long.toString(bytes);
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    String number =
        value >= 100 || value == Math.rint(value)
            ? Long.toString(Math.round(value))
            : String.format(java.util.Locale.ROOT, "%.1f", value);
    return number + UNITS[unit];
  }
}
