package io.migratepages.agent;

import io.migratepages.agent.testing.ProcFixture;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole Quarkus app on a fixture host whose agent lacks every capability, so the outcome does
 * not depend on the machine running the test (its real seccomp and cpuset).
 */
public class NotCapableHostProfile implements QuarkusTestProfile {
  static final String NODE = "worker-q";

  @Override
  public Map<String, String> getConfigOverrides() {
    Path root;
    try {
      root = Files.createTempDirectory("agent-host");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ProcFixture host = ProcFixture.healthyHost(root).status(0, 2, "0-1");
    return Map.of(
        "NODE_NAME",
        NODE,
        "POD_NAME",
        "agent-q",
        // other builds may hold 8081 on a shared machine
        "quarkus.http.test-port",
        "0",
        "migratepages.agent.proc-root",
        host.proc.toString(),
        "migratepages.agent.sys-root",
        host.sys.toString(),
        "migratepages.agent.cgroup-root",
        root.resolve("sys/fs/cgroup").toString());
  }
}
