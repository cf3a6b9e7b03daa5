package io.migratepages.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;

/**
 * The API server the benchmark runs the operator and agents against: the real control plane of
 * {@code bin/kube-local} ({@link RealBenchmarkApiServer}, what the numbers are for) or the Fabric8
 * mock ({@link MockBenchmarkApiServer}, for comparison with the earlier numbers). The benchmark's
 * code is the same for both.
 */
interface BenchmarkApiServer extends AutoCloseable {
  /** One line for the output: what server, where. */
  String description();

  /**
   * A new client of its own, as a separate pod would have, whose requests count for {@code
   * component}; closed with the server.
   */
  KubernetesClient newClient(String component);

  /** Makes the namespace ready for pods (a real server needs it and its default ServiceAccount). */
  void prepareNamespace(String namespace);

  /**
   * Registers the Kubernetes nodes and keeps them Ready while the server runs (a kubelet's part).
   */
  void registerNodes(List<String> nodes);

  /** The server's own count of the requests it answered since it started. */
  ApiServerRequestTotals requestTotals();

  /** CPU time used so far by each of the server's processes (empty if it runs in this JVM). */
  Map<String, Long> processCpuNanos();

  @Override
  void close();
}
