package io.migratepages.demo;

import java.util.HashMap;
import java.util.Map;

/**
 * The environment that points a Fabric8 client (the operator's and the agent's, through Quarkus) at
 * the demo's API server and at nothing else: no kubeconfig, no service account, no proxy.
 */
final class KubernetesClientEnvironment {
  private KubernetesClientEnvironment() {}

  /** Values to set; null values are variables to remove from the inherited environment. */
  static Map<String, String> of(String apiUrl) {
    Map<String, String> env = new HashMap<>();
    env.put("KUBERNETES_MASTER", apiUrl);
    env.put("KUBERNETES_AUTH_TOKEN", DemoApiServer.TOKEN);
    env.put("KUBERNETES_AUTH_TRYKUBECONFIG", "false");
    env.put("KUBERNETES_AUTH_TRYSERVICEACCOUNT", "false");
    env.put("KUBERNETES_NAMESPACE", "default");
    for (String variable :
        new String[] {
          "KUBECONFIG",
          "HTTP_PROXY",
          "HTTPS_PROXY",
          "http_proxy",
          "https_proxy",
          "ALL_PROXY",
          "all_proxy"
        }) {
      env.put(variable, null);
    }
    return env;
  }
}
