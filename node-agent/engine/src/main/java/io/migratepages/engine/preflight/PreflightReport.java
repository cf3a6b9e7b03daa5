package io.migratepages.engine.preflight;

import java.util.List;

/** What the checks found before any page moves: errors stop the migration, warnings do not. */
public record PreflightReport(List<String> errors, List<String> warnings) {

  public PreflightReport {
    errors = List.copyOf(errors);
    warnings = List.copyOf(warnings);
  }

  public boolean passed() {
    return errors.isEmpty();
  }
}
