package io.migratepages.e2e;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.Interceptor;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * The API server of the control-plane benchmark's comparison runs ({@code server=mock}; the
 * benchmark's own numbers and the scenarios run on a real one): Fabric8's mock server in CRUD mode
 * (it stores what is written, serves lists, label selectors and watches) with the project's
 * committed CRDs installed, so that it knows both kinds' scope and status subresource as a real API
 * server would. It enforces no schema. It records every request it receives ({@link
 * #drainRequests()}), the mock's counterpart of the real server's request metrics.
 *
 * <p>Every component gets a client of its own, as separate pods would; the clients share one Vert.x
 * instance so that a hundred simulated agents do not start a hundred event loops.
 */
public final class MockApiServer implements AutoCloseable {
  /** The committed CRDs' directory; the build passes it, else it is searched for upwards. */
  public static final String CRDS_DIR_PROPERTY = "migratepages.crds.dir";

  static final String[] CRD_FILES = {
    "numamigrations.migratepages.io-v1.yaml", "nodemigrations.migratepages.io-v1.yaml"
  };

  private final KubernetesMockServer server;
  private final Vertx vertx = Vertx.vertx();
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final KubernetesClient admin;

  private MockApiServer() {
    server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(),
            false);
    server.init();
    admin = newClient();
  }

  /** Starts a server on a free loopback port and installs the committed CRDs. */
  public static MockApiServer start() {
    MockApiServer api = new MockApiServer();
    api.installCommittedCrds();
    return api;
  }

  /** The client the test itself uses (kubectl's role). */
  public KubernetesClient admin() {
    return admin;
  }

  /** A new client, closed with the server. */
  public synchronized KubernetesClient newClient() {
    KubernetesClient client = server.createClient(new VertxHttpClientFactory(vertx));
    clients.add(client);
    return client;
  }

  /** A new client whose requests pass {@code interceptor}, closed with the server. */
  public synchronized KubernetesClient newClient(String name, Interceptor interceptor) {
    KubernetesClient client =
        server.createClient(
            b ->
                b.withHttpClientFactory(new VertxHttpClientFactory(vertx))
                    .withHttpClientBuilderConsumer(
                        h -> h.addOrReplaceInterceptor(name, interceptor)));
    clients.add(client);
    return client;
  }

  /**
   * Takes the requests the server has received since the last call (it records every one) and
   * counts them by kind, e.g. {@code PUT nodemigrations/status} or {@code LIST pods}.
   */
  public Map<String, Integer> drainRequests() {
    Map<String, Integer> counts = new TreeMap<>();
    try {
      RecordedRequest request;
      while ((request = server.takeRequest(0, TimeUnit.MILLISECONDS)) != null) {
        counts.merge(kind(request.getMethod(), request.getPath()), 1, Integer::sum);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return counts;
  }

  /**
   * {@code GET /apis/g/v/namespaces/ns/nodemigrations/x/status} -> {@code GET
   * nodemigrations/status}.
   */
  public static String kind(String method, String pathAndQuery) {
    String path = pathAndQuery;
    String query = "";
    int q = path.indexOf('?');
    if (q >= 0) {
      query = path.substring(q + 1);
      path = path.substring(0, q);
    }
    List<String> segments = List.of(path.replaceAll("^/+", "").split("/"));
    int ns = segments.indexOf("namespaces");
    String resource;
    boolean named;
    String subresource = "";
    int prefix = segments.get(0).equals("api") ? 2 : 3;
    if (ns >= 0 && segments.size() > ns + 2) {
      resource = segments.get(ns + 2);
      named = segments.size() > ns + 3;
      subresource = segments.size() > ns + 4 ? "/" + segments.get(ns + 4) : "";
    } else if (segments.size() > prefix) {
      resource = segments.get(prefix);
      named = segments.size() > prefix + 1;
    } else {
      return method + " " + path;
    }
    String verb = method;
    if (method.equals("GET") && !named) {
      verb = query.contains("watch=true") ? "WATCH" : "LIST";
    }
    return verb + " " + resource + subresource;
  }

  private void installCommittedCrds() {
    Path dir = crdsDirectory();
    for (String file : CRD_FILES) {
      try (InputStream in = Files.newInputStream(dir.resolve(file))) {
        CustomResourceDefinition crd =
            admin.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        admin.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read committed CRD " + dir.resolve(file), e);
      }
    }
  }

  static Path crdsDirectory() {
    String configured = System.getProperty(CRDS_DIR_PROPERTY);
    if (configured != null && !configured.isBlank()) {
      Path dir = Path.of(configured);
      if (Files.isRegularFile(dir.resolve(CRD_FILES[0]))) {
        return dir;
      }
      throw new IllegalStateException(
          "-D" + CRDS_DIR_PROPERTY + "=" + configured + " holds no " + CRD_FILES[0]);
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("crds").resolve(CRD_FILES[0]))) {
        return dir.resolve("crds");
      }
    }
    throw new IllegalStateException(
        "cannot find the committed CRDs (crds/"
            + CRD_FILES[0]
            + ") above "
            + Path.of("").toAbsolutePath()
            + "; set -D"
            + CRDS_DIR_PROPERTY
            + "=<repository>/crds");
  }

  @Override
  public synchronized void close() {
    clients.forEach(KubernetesClient::close);
    clients.clear();
    server.destroy();
    vertx.close();
  }
}
