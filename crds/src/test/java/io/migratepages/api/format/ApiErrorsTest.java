package io.migratepages.api.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.KubernetesClientException;
import org.junit.jupiter.api.Test;

class ApiErrorsTest {
  @Test
  void anApiErrorNamesTheServersAnswer() {
    assertThat(
            ApiErrors.describe(
                new KubernetesClientException("etcdserver: request timed out", 500, null), 200))
        .isEqualTo("the API server answered 500: etcdserver: request timed out");
  }

  @Test
  void anyOtherErrorNamesItsType() {
    assertThat(ApiErrors.describe(new IllegalStateException("no pods"), 200))
        .isEqualTo("IllegalStateException: no pods");
  }

  @Test
  void longMessagesAreCutToTheLimitAndMarked() {
    String described = ApiErrors.describe(new IllegalStateException("x".repeat(500)), 100);
    assertThat(described).hasSize(100).endsWith("...");
  }
}
