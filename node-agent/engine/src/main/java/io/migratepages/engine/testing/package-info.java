/**
 * Test support shipped in the engine jar so that the engine's, the CLI's and the node agent's tests
 * share it without a test-jar (which breaks builds run with {@code -Dmaven.test.skip=true}): fake
 * host roots ({@link io.migratepages.engine.testing.HostFixture}) and a scripted syscall layer
 * ({@link io.migratepages.engine.testing.ScriptedSyscalls}). Nothing in production uses it.
 */
package io.migratepages.engine.testing;
