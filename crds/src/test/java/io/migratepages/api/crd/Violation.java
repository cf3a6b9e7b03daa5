package io.migratepages.api.crd;

/**
 * One reason the API server would refuse an object. {@code field} is a JSON path from the object's
 * root, e.g. {@code $.spec.toNodes} or {@code $.spec.selector.matchLabels['app']}.
 */
public record Violation(String field, String message) {
  @Override
  public String toString() {
    return field + ": " + message;
  }
}
