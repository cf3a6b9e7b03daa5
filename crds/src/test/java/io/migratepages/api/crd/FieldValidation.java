package io.migratepages.api.crd;

/**
 * What the API server does with fields the schema does not know (the {@code fieldValidation}
 * request parameter). Either way an unknown field never reaches storage: the structural schema
 * prunes it.
 */
public enum FieldValidation {
  /** kubectl's default ({@code --validate=strict}): the request fails, naming the field. */
  STRICT,
  /**
   * The API server's default when a client sends no {@code fieldValidation} (client-go, Fabric8):
   * the field is dropped and a warning header names it.
   */
  WARN,
  /** The field is dropped silently. */
  IGNORE
}
