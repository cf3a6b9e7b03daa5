/**
 * Stand-ins for tests that run the agent without a NUMA host, e.g. next to the operator in one JVM
 * against the Fabric8 mock API server: {@link io.migratepages.agent.testing.RecordingPageMigrator}
 * (no syscalls) and {@link io.migratepages.agent.testing.PodCgroupTree} (a fixture cgroup v2 tree
 * with matching /proc entries). Shipped in the main jar, as the engine ships its own fixtures, so
 * other modules' tests can use them; nothing in production wires them.
 */
package io.migratepages.agent.testing;
