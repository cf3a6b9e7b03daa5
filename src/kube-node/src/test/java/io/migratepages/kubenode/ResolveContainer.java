package io.migratepages.kubenode;

import io.migratepages.engine.cgroup.CgroupResolver;
import io.migratepages.engine.cgroup.ContainerRef;
import io.migratepages.engine.cgroup.ContainerResolution;
import io.migratepages.engine.cgroup.PodRef;
import io.migratepages.engine.cgroup.PodResolution;
import java.util.List;

/**
 * The engine's cgroup resolver on the node's real cgroup tree, as the node agent calls it: pod UID,
 * QoS class and container ID in, cgroup directory and verified PIDs out. Run inside the NUMA VM's
 * Kubernetes node by vm/memhog-pod.sh with the CLI's jar (which holds the engine) and this module's
 * test classes on the class path (compiled on the host: javac under TCG would take minutes):
 *
 * <pre>java -cp node-agent/cli/target/migratepages.jar:src/kube-node/target/test-classes \
 *   io.migratepages.kubenode.ResolveContainer UID QOS NAME CONTAINER_ID</pre>
 *
 * Prints key=value lines (layout, driver, cgroup, pids, diagnostics; error when not found); exit 0
 * when the container was found with at least one PID, 1 otherwise.
 */
public final class ResolveContainer {
  public static void main(String[] args) {
    if (args.length != 4) {
      System.err.println(
          "usage: ResolveContainer UID QOS_CLASS CONTAINER_NAME CONTAINER_ID (containerd://<64 hex>)");
      System.exit(2);
    }
    PodRef pod = PodRef.of(args[0], args[1], List.of(ContainerRef.of(args[2], args[3])));
    PodResolution resolution = new CgroupResolver().resolve(pod);
    System.out.println("layout=" + resolution.layout());
    resolution.diagnostics().forEach(d -> System.out.println("pod_diagnostic=" + d));
    ContainerResolution container = resolution.containers().get(0);
    container
        .cgroup()
        .ifPresent(
            cgroup -> {
              System.out.println("driver=" + cgroup.driver());
              System.out.println("qos=" + cgroup.qosClass());
              System.out.println("cgroup=" + cgroup.relativePath());
            });
    System.out.println(
        "pids="
            + container.pids().stream()
                .map(String::valueOf)
                .reduce((a, b) -> a + "," + b)
                .orElse(""));
    container.processDirectories().forEach(d -> System.out.println("process_directory=" + d));
    container.diagnostics().forEach(d -> System.out.println("diagnostic=" + d));
    container.error().ifPresent(e -> System.out.println("error=" + e));
    System.exit(container.isFound() && !container.pids().isEmpty() ? 0 : 1);
  }
}
