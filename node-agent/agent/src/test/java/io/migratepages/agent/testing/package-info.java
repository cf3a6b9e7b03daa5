/**
 * Test doubles and helpers for tests that run the agent without a NUMA host, e.g. next to the
 * operator in one JVM against the Fabric8 mock API server: {@link
 * io.migratepages.agent.testing.RecordingPageMigrator} (no syscalls) implements the agent's {@code
 * PageMigrator} port, so it lives here beside the port's module and reaches the end-to-end tests
 * through the agent's test-jar (which carries this package only). Cgroup trees come from {@code
 * io.migratepages.testsupport.CgroupTree}.
 */
package io.migratepages.agent.testing;
