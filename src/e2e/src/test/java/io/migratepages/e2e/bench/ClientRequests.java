package io.migratepages.e2e.bench;

import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.migratepages.e2e.MockApiServer;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts the HTTP requests the benchmark's clients send, by component (operator, agents, the
 * benchmark's own kubectl, ...) and kind ({@code PUT nodemigrations/status}): a Fabric8 {@link
 * Interceptor} on each client sees every request it sends, retries included. The API server's own
 * count says how much work it got; this one says who asked for it.
 */
final class ClientRequests {
  private final Map<String, Map<String, AtomicLong>> byComponent = new ConcurrentHashMap<>();

  /** The interceptor for one component's clients. */
  Interceptor counterFor(String component) {
    Map<String, AtomicLong> counts =
        byComponent.computeIfAbsent(component, c -> new ConcurrentHashMap<>());
    return new Interceptor() {
      @Override
      public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        String uri = request.uri().getRawPath();
        if (request.uri().getRawQuery() != null) {
          uri += "?" + request.uri().getRawQuery();
        }
        counts
            .computeIfAbsent(MockApiServer.kind(request.method(), uri), k -> new AtomicLong())
            .incrementAndGet();
      }
    };
  }

  /** Counts so far: component -> kind -> requests. */
  Map<String, Map<String, Long>> snapshot() {
    Map<String, Map<String, Long>> copy = new TreeMap<>();
    byComponent.forEach(
        (component, counts) -> {
          Map<String, Long> kinds = new TreeMap<>();
          counts.forEach((kind, n) -> kinds.put(kind, n.get()));
          copy.put(component, kinds);
        });
    return copy;
  }

  /** {@code after - before}, per component and kind, leaving out zeros. */
  static Map<String, Map<String, Long>> difference(
      Map<String, Map<String, Long>> before, Map<String, Map<String, Long>> after) {
    Map<String, Map<String, Long>> diff = new TreeMap<>();
    after.forEach(
        (component, counts) -> {
          Map<String, Long> kinds =
              Counts.difference(before.getOrDefault(component, Map.of()), counts);
          if (!kinds.isEmpty()) {
            diff.put(component, kinds);
          }
        });
    return diff;
  }
}
