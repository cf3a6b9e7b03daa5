package io.migratepages.agent.startup;

import java.util.Objects;

/**
 * One start-up check.
 *
 * @param name what was checked, e.g. {@code hostPID}
 * @param passed whether it allows page migration
 * @param detail what was found; when not passed, what is missing and how to fix it
 */
public record CheckResult(String name, boolean passed, String detail) {
  public CheckResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(detail, "detail");
  }

  public static CheckResult pass(String name, String detail) {
    return new CheckResult(name, true, detail);
  }

  public static CheckResult fail(String name, String detail) {
    return new CheckResult(name, false, detail);
  }

  @Override
  public String toString() {
    return name + ": " + (passed ? "ok" : "PROBLEM") + " - " + detail;
  }
}
