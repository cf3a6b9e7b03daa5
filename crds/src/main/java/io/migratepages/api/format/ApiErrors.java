package io.migratepages.api.format;

import io.fabric8.kubernetes.client.KubernetesClientException;

/** One-line descriptions of the errors a reconciler shows in a status, bounded in length. */
public final class ApiErrors {
  private ApiErrors() {}

  /** "the API server answered 409: ..." for an API error, else "Type: message". */
  public static String describe(Exception error, int maxLength) {
    String text =
        error instanceof KubernetesClientException k && k.getCode() > 0
            ? "the API server answered " + k.getCode() + ": " + k.getMessage()
            : error.getClass().getSimpleName() + ": " + error.getMessage();
    return text.length() <= maxLength ? text : text.substring(0, maxLength - 3) + "...";
  }
}
