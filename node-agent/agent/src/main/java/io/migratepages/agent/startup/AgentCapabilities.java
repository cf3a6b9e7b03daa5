package io.migratepages.agent.startup;

import java.util.List;

/** What the start-up checks found: the agent migrates only when every check passed. */
public record AgentCapabilities(List<CheckResult> checks) {
  public AgentCapabilities {
    checks = List.copyOf(checks);
  }

  /** For tests and for a host whose checks are known to pass. */
  public static AgentCapabilities allPassed() {
    return new AgentCapabilities(List.of(CheckResult.pass("assumed", "no checks run")));
  }

  public boolean capable() {
    return checks.stream().allMatch(CheckResult::passed);
  }

  /** One line per failed check: what is missing and how to fix it. */
  public List<String> problems() {
    return checks.stream().filter(c -> !c.passed()).map(c -> c.name() + ": " + c.detail()).toList();
  }

  /** The problems as one message, for status and events. */
  public String problemSummary() {
    return "the agent cannot migrate pages on this node: " + String.join("; ", problems());
  }
}
