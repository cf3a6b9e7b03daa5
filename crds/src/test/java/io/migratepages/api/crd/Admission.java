package io.migratepages.api.crd;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What the API server would do with a create request: the object as it would be stored (pruned and
 * defaulted), the reasons it would be refused, and the warnings it would send back.
 */
public record Admission(JsonNode stored, List<Violation> violations, List<String> warnings) {
  public boolean accepted() {
    return violations.isEmpty();
  }

  @Override
  public String toString() {
    return (accepted() ? "accepted" : "rejected " + violations)
        + (warnings.isEmpty() ? "" : " warnings " + warnings);
  }
}
