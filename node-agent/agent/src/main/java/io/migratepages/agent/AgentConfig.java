package io.migratepages.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The agent's settings. {@code NODE_NAME} and {@code POD_NAME} come from the downward API;
 * application.properties maps them onto {@code migratepages.agent.node-name}/{@code pod-name}.
 * Every key can also be set as an environment variable ({@code MIGRATEPAGES_AGENT_PROC_ROOT}).
 */
@ConfigMapping(prefix = "migratepages.agent")
public interface AgentConfig {

  /** The Kubernetes node this agent serves (env NODE_NAME, from spec.nodeName). Required. */
  Optional<String> nodeName();

  /** This agent's pod name (env POD_NAME), written into status.agent; hostname if unset. */
  Optional<String> podName();

  /** Where the host's cgroup tree is mounted. */
  @WithDefault("/sys/fs/cgroup")
  Path cgroupRoot();

  /** The host's procfs (the agent runs with hostPID, so its own /proc). */
  @WithDefault("/proc")
  Path procRoot();

  /** The host's sysfs. */
  @WithDefault("/sys")
  Path sysRoot();

  /** The node's NodeNumaReport (docs/numa-reports.md). */
  Report report();

  interface Report {
    /** Whether the agent publishes a NodeNumaReport at all. */
    @WithDefault("true")
    boolean enabled();

    /** How often the agent reads the node's NUMA placement. */
    @WithDefault("30s")
    Duration interval();

    /** A reading is written only when some byte count moved by more than this. */
    @WithDefault("16777216")
    long changeThresholdBytes();

    /** ... or when the last report written is this old. */
    @WithDefault("5m")
    Duration maxAge();
  }
}
