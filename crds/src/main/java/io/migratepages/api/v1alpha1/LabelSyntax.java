package io.migratepages.api.v1alpha1;

import java.util.regex.Pattern;

/**
 * Kubernetes' syntax of label keys and values (as {@code kubectl label} and the API server's
 * validation enforce it), once, for the CRD schema and the operator's own checks.
 */
public final class LabelSyntax {
  /**
   * A label value: empty, or up to 63 alphanumerics, '-', '_' and '.', alphanumeric at both ends.
   */
  public static final String VALUE_PATTERN = "^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$";

  /** Longest label value. */
  public static final int MAX_VALUE_LENGTH = 63;

  /**
   * A label key: an optional DNS-subdomain prefix and "/", then a name that follows the value's
   * rules but may not be empty. Lengths (prefix 253, name 63) are checked apart from the pattern.
   */
  public static final String KEY_PATTERN =
      "^([a-z0-9]([-a-z0-9]*[a-z0-9])?([.][a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?"
          + "[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$";

  /** Longest label key: a 253-character prefix, "/", and a 63-character name. */
  public static final int MAX_KEY_LENGTH = 317;

  /** What {@link #problemWithKey} and {@link #problemWithValue} describe as valid. */
  public static final String VALID_KEY =
      "an optional DNS-subdomain prefix (at most 253 characters) and '/', then a name of 1 to 63"
          + " characters: alphanumerics, '-', '_' or '.', starting and ending with an alphanumeric";

  public static final String VALID_VALUE =
      "at most 63 characters: alphanumerics, '-', '_' or '.', starting and ending with an"
          + " alphanumeric (or empty)";

  private static final Pattern KEY = Pattern.compile(KEY_PATTERN);
  private static final Pattern VALUE = Pattern.compile(VALUE_PATTERN);

  /** Why {@code key} is not a label key, or null when it is one. */
  public static String problemWithKey(String key) {
    if (key == null || key.isEmpty()) {
      return "empty; a label key is " + VALID_KEY;
    }
    int slash = key.indexOf('/');
    String prefix = slash < 0 ? "" : key.substring(0, slash);
    String name = key.substring(slash + 1);
    if (!KEY.matcher(key).matches() || prefix.length() > 253 || name.length() > 63) {
      return "'" + key + "' is not a label key; a label key is " + VALID_KEY;
    }
    return null;
  }

  /** Why {@code value} is not a label value, or null when it is one. */
  public static String problemWithValue(String value) {
    if (value == null || value.length() > MAX_VALUE_LENGTH || !VALUE.matcher(value).matches()) {
      return "'" + value + "' is not a label value; a label value is " + VALID_VALUE;
    }
    return null;
  }

  private LabelSyntax() {}
}
