/**
 * Fixture writers and readers for tests, shared by the engine's, the CLI's, the node agent's, the
 * end-to-end and the kernel tests, which depend on this module in test scope; nothing here ships in
 * a production jar (the operator's and the agent's images, the CLI's jar).
 *
 * <ul>
 *   <li>{@link io.migratepages.testsupport.HostFixture}: a fake host root (sysfs NUMA nodes, {@code
 *       /proc/self/status}, {@code /proc/<pid>/numa_maps}).
 *   <li>{@link io.migratepages.testsupport.CgroupTree}: a fake cgroup v1/v2/hybrid tree with the
 *       kubelet's pod and container naming, and the matching {@code /proc/<pid>/cgroup} files.
 *   <li>{@link io.migratepages.testsupport.NumaMapsBytes}: an independent numa_maps reader, the
 *       second opinion by which the kernel tests and the demo judge the engine's numbers (the demo
 *       also prints it, so it is the one module outside the tests that depends on this one).
 * </ul>
 *
 * <p>This module uses the JDK only, on purpose: the engine's own tests depend on it, so it cannot
 * depend on the engine (Maven refuses the cycle engine -test-&gt; test-support -&gt; engine). Its
 * writers therefore return plain {@link java.nio.file.Path}s ({@code new HostPaths(root)} in the
 * engine's tests). Test doubles that implement an engine or agent interface live beside that
 * interface, in the test code of its module, and travel as that module's test-jar: {@code
 * ScriptedSyscalls} in the engine's ({@code <type>test-jar</type>} for the CLI's and the agent's
 * tests), {@code RecordingPageMigrator} in the agent's (for the end-to-end tests).
 */
package io.migratepages.testsupport;
