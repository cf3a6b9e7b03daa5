package io.migratepages.numanodes;

/**
 * A node spec that is malformed, or that does not fit the host it is resolved against. The message
 * names the argument ({@code from-nodes}/{@code to-nodes} or a CR field), the offending token and
 * what would be valid.
 */
public class InvalidNumaNodeSpecException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final String spec;

  public InvalidNumaNodeSpecException(String spec, String message) {
    super(message);
    this.spec = spec;
  }

  /** The whole spec text as given (may be null if none was given). */
  public String spec() {
    return spec;
  }
}
