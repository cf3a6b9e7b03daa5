package io.migratepages.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.micrometer.core.instrument.MeterRegistry;
import io.migratepages.agent.adapters.CgroupProcessResolver;
import io.migratepages.agent.adapters.EngineLocalNumaNodes;
import io.migratepages.agent.adapters.EnginePageMigrator;
import io.migratepages.agent.adapters.LazyNumaSyscalls;
import io.migratepages.agent.adapters.SyscallMigratePagesProbe;
import io.migratepages.agent.adapters.SysfsHostTopology;
import io.migratepages.agent.port.HostTopology;
import io.migratepages.agent.port.LocalNumaNodes;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessResolver;
import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.agent.startup.StartupChecks;
import io.migratepages.engine.MigrationEngine;
import io.migratepages.engine.host.HostPaths;
import io.migratepages.engine.syscall.NumaSyscalls;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Clock;

/**
 * CDI wiring of the agent's plain classes; every one of them can be built without CDI (the
 * end-to-end tests do).
 */
@Singleton
public class AgentProducers {

  @Produces
  @Singleton
  AgentIdentity identity(AgentConfig config) {
    return AgentIdentity.of(config.nodeName(), config.podName(), AgentProducers::hostname);
  }

  @Produces
  @Singleton
  NumaSyscalls syscalls() {
    return LazyNumaSyscalls.jna();
  }

  @Produces
  @Singleton
  AgentCapabilities capabilities(AgentConfig config, NumaSyscalls syscalls) {
    return new StartupChecks(
            config.procRoot(), config.sysRoot(), new SyscallMigratePagesProbe(syscalls))
        .run();
  }

  @Produces
  @Singleton
  HostTopology hostTopology(AgentConfig config) {
    return new SysfsHostTopology(config.sysRoot());
  }

  @Produces
  @Singleton
  ProcessResolver processResolver(AgentConfig config) {
    return new CgroupProcessResolver(config.cgroupRoot(), config.procRoot());
  }

  @Produces
  @Singleton
  MigrationEngine engine(AgentConfig config, NumaSyscalls syscalls) {
    return new MigrationEngine(hostPaths(config), syscalls);
  }

  @Produces
  @Singleton
  PageMigrator pageMigrator(MigrationEngine engine) {
    return new EnginePageMigrator(engine);
  }

  @Produces
  @Singleton
  LocalNumaNodes localNumaNodes(MigrationEngine engine) {
    return new EngineLocalNumaNodes(engine);
  }

  @Produces
  @Singleton
  AgentMetrics metrics(MeterRegistry registry) {
    return new AgentMetrics(registry);
  }

  @Produces
  @Singleton
  WorkNumaNodes workNumaNodes(HostTopology host) {
    return new WorkNumaNodes(host);
  }

  @Produces
  @Singleton
  PodMigrationRunner podMigrationRunner(
      ProcessResolver resolver,
      LocalNumaNodes localNumaNodes,
      PageMigrator migrator,
      AgentMetrics metrics) {
    return new PodMigrationRunner(resolver, localNumaNodes, migrator, metrics);
  }

  @Produces
  @Singleton
  NodeMigrationStatusWriter statusWriter(KubernetesClient client) {
    return new NodeMigrationStatusWriter(client);
  }

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /**
   * The engine reads {@code <root>/proc} and {@code <root>/sys}: proc-root and sys-root must be
   * siblings ({@code /proc} and {@code /sys}, or {@code /host/proc} and {@code /host/sys}).
   */
  static HostPaths hostPaths(AgentConfig config) {
    Path proc = config.procRoot().toAbsolutePath().normalize();
    Path sys = config.sysRoot().toAbsolutePath().normalize();
    Path root = proc.getParent();
    if (root == null
        || !proc.getFileName().toString().equals("proc")
        || !sys.equals(root.resolve("sys"))) {
      throw new IllegalStateException(
          "migratepages.agent.proc-root ("
              + proc
              + ") and sys-root ("
              + sys
              + ") must be directories named proc and sys under one parent, e.g. /proc and /sys");
    }
    return new HostPaths(root);
  }

  private static String hostname() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-agent";
    }
  }
}
