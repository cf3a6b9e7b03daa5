package io.migratepages.demo;

/**
 * The demo could not go on; the message says what was expected, what happened and where to look.
 */
public class DemoException extends RuntimeException {
  public DemoException(String message) {
    super(message);
  }

  public DemoException(String message, Throwable cause) {
    super(message, cause);
  }
}
