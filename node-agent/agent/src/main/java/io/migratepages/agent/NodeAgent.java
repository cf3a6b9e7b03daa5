package io.migratepages.agent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RegisteredController;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migratepages.agent.port.HostTopology;
import io.migratepages.agent.port.LocalNumaNodes;
import io.migratepages.agent.port.PageMigrator;
import io.migratepages.agent.port.ProcessResolver;
import io.migratepages.agent.startup.AgentCapabilities;
import io.migratepages.api.v1alpha1.NodeMigration;
import java.time.Clock;
import java.util.Objects;

/**
 * Builds the agent's reconciler without CDI, e.g. for a test that runs operator and agent in one
 * JVM:
 *
 * <pre>{@code
 * AgentIdentity identity = new AgentIdentity("worker-1", "agent-worker-1");
 * NodeMigrationReconciler reconciler =
 *     NodeAgent.builder(client, identity)
 *         .capabilities(AgentCapabilities.allPassed())
 *         .hostTopology(() -> NumaNodeUniverse.of("0-1", "0-1"))
 *         .processResolver(new CgroupProcessResolver(cgroupRoot, procRoot))
 *         .localNumaNodes(new EngineLocalNumaNodes(new MigrationEngine(hostPaths, syscalls)))
 *         .pageMigrator(recordingMigrator)
 *         .build();
 * NodeAgent.register(operator, reconciler, identity);
 * }</pre>
 */
public final class NodeAgent {
  private NodeAgent() {}

  public static Builder builder(KubernetesClient client, AgentIdentity identity) {
    return new Builder(client, identity);
  }

  /** Registers with a plain JOSDK operator: this node's label selector, every namespace. */
  public static RegisteredController<NodeMigration> register(
      Operator operator, NodeMigrationReconciler reconciler, AgentIdentity identity) {
    return operator.register(reconciler, NodeMigrationReconciler.watching(identity));
  }

  public static final class Builder {
    private final KubernetesClient client;
    private final AgentIdentity identity;
    private AgentCapabilities capabilities;
    private HostTopology hostTopology;
    private ProcessResolver processResolver;
    private LocalNumaNodes localNumaNodes;
    private PageMigrator pageMigrator;
    private MeterRegistry meterRegistry = new SimpleMeterRegistry();
    private Clock clock = Clock.systemUTC();

    private Builder(KubernetesClient client, AgentIdentity identity) {
      this.client = Objects.requireNonNull(client, "client");
      this.identity = Objects.requireNonNull(identity, "identity");
    }

    /** Required: what the start-up checks found ({@link AgentCapabilities#allPassed()}). */
    public Builder capabilities(AgentCapabilities capabilities) {
      this.capabilities = capabilities;
      return this;
    }

    /** Required: the host's NUMA nodes. */
    public Builder hostTopology(HostTopology hostTopology) {
      this.hostTopology = hostTopology;
      return this;
    }

    /** Required: pod -> containers -> PIDs. */
    public Builder processResolver(ProcessResolver processResolver) {
      this.processResolver = processResolver;
      return this;
    }

    /**
     * Required: resolves toNodes {@code local} for one PID ({@code EngineLocalNumaNodes} reads its
     * CPU affinity and the host's sysfs).
     */
    public Builder localNumaNodes(LocalNumaNodes localNumaNodes) {
      this.localNumaNodes = localNumaNodes;
      return this;
    }

    /** Required: moves one PID's pages. */
    public Builder pageMigrator(PageMigrator pageMigrator) {
      this.pageMigrator = pageMigrator;
      return this;
    }

    /** Default: a private SimpleMeterRegistry. */
    public Builder meterRegistry(MeterRegistry meterRegistry) {
      this.meterRegistry = meterRegistry;
      return this;
    }

    /** Default: the system clock in UTC. */
    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public NodeMigrationReconciler build() {
      return new NodeMigrationReconciler(
          identity,
          required(capabilities, "capabilities"),
          new WorkNumaNodes(required(hostTopology, "hostTopology")),
          new PodMigrationRunner(
              required(processResolver, "processResolver"),
              required(localNumaNodes, "localNumaNodes"),
              required(pageMigrator, "pageMigrator"),
              new AgentMetrics(required(meterRegistry, "meterRegistry"))),
          new NodeMigrationStatusWriter(client),
          required(clock, "clock"));
    }

    private static <T> T required(T value, String name) {
      if (value == null) {
        throw new IllegalStateException(
            "NodeAgent.builder(): " + name + "(...) must be set before build()");
      }
      return value;
    }
  }
}
