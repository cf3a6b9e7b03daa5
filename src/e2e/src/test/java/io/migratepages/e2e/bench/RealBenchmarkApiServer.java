package io.migratepages.e2e.bench;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.migratepages.e2e.KubeletStandIn;
import io.migratepages.kubetest.Crds;
import io.migratepages.kubetest.KubeLocal;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fresh real control plane from {@code bin/kube-local} (etcd, kube-apiserver,
 * kube-controller-manager, kube-scheduler as processes on this machine) with the committed CRDs
 * installed. Its nodes get a Node object kept Ready by the {@link KubeletStandIn}; the request
 * count is the API server's own {@code apiserver_request_total}; the CPU time of each process comes
 * from {@code /proc}, found through the pid files kube-local writes in {@code DIR/run}.
 *
 * <p>The clients share one Vert.x instance, so a hundred simulated agents do not start a hundred
 * event loops (in a cluster each agent is a pod with a client of its own).
 */
final class RealBenchmarkApiServer implements BenchmarkApiServer {
  /** The processes bin/kube-local starts, by the name of their pid file. */
  private static final List<String> PROCESSES =
      List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");

  private static final Duration WAIT = Duration.ofSeconds(60);

  private final KubeLocal kubeLocal;
  private final ClientRequests requests;
  private final Config config;
  private final Vertx vertx = Vertx.vertx();
  private final List<KubernetesClient> clients = new ArrayList<>();
  private final KubernetesClient admin;
  private final KubeletStandIn kubelets;

  private RealBenchmarkApiServer(KubeLocal kubeLocal, ClientRequests requests) {
    this.kubeLocal = kubeLocal;
    this.requests = requests;
    try {
      config = Config.fromKubeconfig(Files.readString(kubeLocal.kubeconfig()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeLocal.kubeconfig(), e);
    }
    admin = newClient("benchmark setup");
    kubelets = new KubeletStandIn(newClient("kubelet stand-in"));
  }

  /** Starts a control plane with nothing in it in {@code dir} (deleting what was there). */
  static RealBenchmarkApiServer start(Path repo, Path dir, ClientRequests requests) {
    RealBenchmarkApiServer server =
        new RealBenchmarkApiServer(KubeLocal.startFresh(repo, dir), requests);
    try {
      Crds.install(server.admin);
      return server;
    } catch (RuntimeException e) {
      server.close();
      throw e;
    }
  }

  @Override
  public String description() {
    return "real control plane of bin/kube-local in "
        + kubeLocal.dir()
        + " (Kubernetes "
        + admin.getKubernetesVersion().getGitVersion()
        + ", API server "
        + config.getMasterUrl()
        + ")";
  }

  @Override
  public synchronized KubernetesClient newClient(String component) {
    KubernetesClient client =
        new KubernetesClientBuilder()
            .withConfig(config)
            .withHttpClientFactory(new VertxHttpClientFactory(vertx))
            .withHttpClientBuilderConsumer(
                b -> b.addOrReplaceInterceptor("benchmark-count", requests.counterFor(component)))
            .build();
    clients.add(client);
    return client;
  }

  @Override
  public void prepareNamespace(String namespace) {
    admin
        .namespaces()
        .resource(
            new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build())
        .create();
    await("ServiceAccount default in namespace " + namespace)
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> admin.serviceAccounts().inNamespace(namespace).withName("default").get() != null);
  }

  @Override
  public void registerNodes(List<String> nodes) {
    nodes.forEach(kubelets::register);
  }

  @Override
  public ApiServerRequestTotals requestTotals() {
    return ApiServerRequestTotals.parse(admin.raw(config.getMasterUrl() + "metrics"));
  }

  @Override
  public Map<String, Long> processCpuNanos() {
    Map<String, Long> cpu = new LinkedHashMap<>();
    for (String process : PROCESSES) {
      Path pidFile = kubeLocal.dir().resolve("run").resolve(process + ".pid");
      try {
        cpu.put(process, ProcessCpu.nanos(Long.parseLong(Files.readString(pidFile).trim())));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read " + pidFile + " (written by kube-local)", e);
      }
    }
    return cpu;
  }

  @Override
  public synchronized void close() {
    kubelets.close();
    clients.forEach(KubernetesClient::close);
    clients.clear();
    vertx.close();
    kubeLocal.stop();
  }
}
