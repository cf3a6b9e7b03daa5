package io.migratepages.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.api.v1alpha1.NumaMigration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MockApiServerTest {

  @Test
  void requestKindsNameVerbResourceAndSubresource() {
    assertThat(
            MockApiServer.kind(
                "PUT", "/apis/migratepages.io/v1alpha1/namespaces/a/nodemigrations/x-n1/status"))
        .isEqualTo("PUT nodemigrations/status");
    assertThat(MockApiServer.kind("GET", "/api/v1/namespaces/a/pods/db-0")).isEqualTo("GET pods");
    assertThat(
            MockApiServer.kind(
                "GET",
                "/apis/migratepages.io/v1alpha1/namespaces/a/nodemigrations?labelSelector=x%3Dy"))
        .isEqualTo("LIST nodemigrations");
    assertThat(
            MockApiServer.kind(
                "GET",
                "/apis/migratepages.io/v1alpha1/nodemigrations?allowWatchBookmarks=true&watch=true"))
        .isEqualTo("WATCH nodemigrations");
    assertThat(MockApiServer.kind("POST", "/api/v1/namespaces/a/events")).isEqualTo("POST events");
  }

  @Test
  void installsTheCommittedCrdsAndCountsRequests() {
    try (MockApiServer api = MockApiServer.start()) {
      assertThat(api.admin().apiextensions().v1().customResourceDefinitions().list().getItems())
          .extracting(crd -> crd.getMetadata().getName())
          .containsExactlyInAnyOrder(
              "numamigrations.migratepages.io", "nodemigrations.migratepages.io");
      api.drainRequests();

      api.admin().resource(Migrations.byPodName("a", "m", "db-0", "0", "1")).create();
      api.admin().resources(NumaMigration.class).inNamespace("a").list();

      assertThat(api.drainRequests())
          .isEqualTo(Map.of("POST numamigrations", 1, "LIST numamigrations", 1));
      assertThat(api.drainRequests()).isEmpty();
    }
  }
}
