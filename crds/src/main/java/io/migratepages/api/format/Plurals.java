package io.migratepages.api.format;

/** Counted nouns for messages: "1 pod", "3 pods", "2 processes". */
public final class Plurals {
  private Plurals() {}

  public static String of(long n, String noun) {
    return of(n, noun, noun + "s");
  }

  public static String of(long n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }
}
