package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's Kubernetes API server: Fabric8's mock server in CRUD mode (it stores what clients
 * write and serves lists, watches, label selectors, patches and status subresources), plain HTTP on
 * the host's loopback only, with the project's CRDs installed. It checks no token and enforces no
 * CRD schema; everything else the operator and agent do goes through it as through a real one.
 */
public final class DemoApiServer implements AutoCloseable {
  /** Any bearer token will do: the mock server does not authenticate. */
  public static final String TOKEN = "demo-token";

  private final KubernetesMockServer server;
  private final KubernetesClient client;
  private final Map<String, ResourceDefinitionContext> customResources;

  private DemoApiServer(
      KubernetesMockServer server,
      KubernetesClient client,
      Map<String, ResourceDefinitionContext> customResources) {
    this.server = server;
    this.client = client;
    this.customResources = customResources;
  }

  public static DemoApiServer start(List<Path> crdFiles) {
    KubernetesMockServer server =
        new KubernetesMockServer(
            new Context(),
            new MockWebServer(),
            new HashMap<>(),
            new KubernetesCrudDispatcher(List.of()),
            false);
    server.init(InetAddress.getLoopbackAddress(), 0);
    String url =
        "http://" + InetAddress.getLoopbackAddress().getHostAddress() + ":" + server.getPort();
    Config config =
        new ConfigBuilder(Config.empty())
            .withMasterUrl(url)
            .withOauthToken(TOKEN)
            .withNamespace("default")
            .build();
    KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
    Map<String, ResourceDefinitionContext> kinds = new LinkedHashMap<>();
    try {
      for (Path file : crdFiles) {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(file)) {
          crd = client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
        kinds.put(crd.getSpec().getNames().getKind(), CustomResourceDefinitionContext.fromCrd(crd));
      }
    } catch (IOException | RuntimeException e) {
      client.close();
      server.destroy();
      throw new DemoException("cannot install the CRDs " + crdFiles + ": " + e.getMessage(), e);
    }
    return new DemoApiServer(server, client, Map.copyOf(kinds));
  }

  /** As the host's processes reach it. */
  public String url() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public int port() {
    return server.getPort();
  }

  public KubernetesClient client() {
    return client;
  }

  /** The installed CRD for a kind, for generic access (as kubectl reads any kind). */
  public ResourceDefinitionContext customResource(String kind) {
    ResourceDefinitionContext context = customResources.get(kind);
    if (context == null) {
      throw new DemoException(
          "no CRD for kind " + kind + " was installed; installed: " + customResources.keySet());
    }
    return context;
  }

  public List<String> customResourceNames() {
    return customResources.values().stream().map(c -> c.getPlural() + "." + c.getGroup()).toList();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
