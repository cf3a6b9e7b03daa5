/**
 * Test doubles of the engine's own interfaces, shared with the CLI's and the node agent's tests
 * through the engine's test-jar ({@code <type>test-jar</type>}, test scope): {@link
 * io.migratepages.engine.testing.ScriptedSyscalls}. Plain fixture writers (fake host roots, cgroup
 * trees) are in the engine-free {@code migratepages-test-support} module instead.
 */
package io.migratepages.engine.testing;
