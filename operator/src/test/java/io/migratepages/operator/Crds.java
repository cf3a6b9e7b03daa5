package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Installs the CRDs the crds module generated into a (mock) API server, so it knows their scope and
 * status subresource: an update of the main resource then leaves status alone, as a real one does.
 */
final class Crds {
  private Crds() {}

  static void install(KubernetesClient client) {
    for (String plural : new String[] {"numamigrations", "nodemigrations"}) {
      String path = "/META-INF/fabric8/" + plural + ".migratepages.io-v1.yml";
      try (InputStream in = Crds.class.getResourceAsStream(path)) {
        if (in == null) {
          throw new IllegalStateException(path + " not on the test classpath; build crds first");
        }
        CustomResourceDefinition crd =
            client.getKubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        client.apiextensions().v1().customResourceDefinitions().resource(crd).create();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
