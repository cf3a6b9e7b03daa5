package io.migratepages.e2e.bench;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.e2e.MockApiServer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Fabric8 CRUD mock API server in this JVM ({@code server=mock}): the server of the benchmark's
 * first numbers, kept to compare with. It needs no namespaces or Node objects; its request count is
 * its record of every request; its CPU time is part of this JVM's.
 */
final class MockBenchmarkApiServer implements BenchmarkApiServer {
  private final MockApiServer api = MockApiServer.start();
  private final ClientRequests requests;
  private final Map<String, Long> received = new TreeMap<>();

  MockBenchmarkApiServer(ClientRequests requests) {
    this.requests = requests;
  }

  @Override
  public String description() {
    return "Fabric8 mock API server (CRUD mode) in this JVM";
  }

  @Override
  public KubernetesClient newClient(String component) {
    return api.newClient("benchmark-count", requests.counterFor(component));
  }

  @Override
  public void prepareNamespace(String namespace) {}

  @Override
  public void registerNodes(List<String> nodes) {}

  /** Cumulative: the mock hands out each recorded request once, so this keeps the sum. */
  @Override
  public synchronized ApiServerRequestTotals requestTotals() {
    api.drainRequests().forEach((kind, n) -> received.merge(kind, (long) n, Long::sum));
    return new ApiServerRequestTotals(new TreeMap<>(received), Map.of());
  }

  @Override
  public Map<String, Long> processCpuNanos() {
    return Map.of();
  }

  @Override
  public void close() {
    api.close();
  }
}
