package io.migratepages.e2e.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

/** Reading the benchmark's request counts from kube-apiserver's /metrics text. */
class ApiServerRequestTotalsTest {
  private static final String BEFORE =
      """
      # HELP apiserver_request_total [STABLE] Counter of apiserver requests broken out for each verb...
      # TYPE apiserver_request_total counter
      apiserver_request_total{code="200",component="apiserver",dry_run="",group="migratepages.io",\
      resource="nodemigrations",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} 3
      apiserver_request_total{code="409",component="apiserver",dry_run="",group="migratepages.io",\
      resource="nodemigrations",scope="resource",subresource="status",verb="PUT",version="v1alpha1"} 1
      apiserver_request_total{code="201",component="apiserver",dry_run="",group="",resource="pods",\
      scope="resource",subresource="",verb="POST",version="v1"} 7
      apiserver_request_total_other{code="200",resource="pods",verb="GET"} 99
      apiserver_request_duration_seconds_count{resource="pods",verb="POST"} 7
      """;

  @Test
  void sumsByVerbResourceAndSubresourceAndByCode() {
    ApiServerRequestTotals totals = ApiServerRequestTotals.parse(BEFORE);

    assertThat(totals.byKind())
        .containsOnly(entry("PUT nodemigrations/status", 4L), entry("POST pods", 7L));
    assertThat(totals.byCode()).containsOnly(entry("200", 3L), entry("409", 1L), entry("201", 7L));
    assertThat(totals.total()).isEqualTo(11);
  }

  @Test
  void differenceLeavesOutWhatDidNotChange() {
    String after = BEFORE.replace("v1alpha1\"} 3", "v1alpha1\"} 10");

    ApiServerRequestTotals diff =
        ApiServerRequestTotals.parse(after).since(ApiServerRequestTotals.parse(BEFORE));

    assertThat(diff.byKind()).containsOnly(entry("PUT nodemigrations/status", 7L));
    assertThat(diff.byCode()).containsOnly(entry("200", 7L));
  }

  @Test
  void textWithoutTheCounterIsRefused() {
    assertThatThrownBy(() -> ApiServerRequestTotals.parse("# nothing\nup 1\n"))
        .hasMessageContaining("no apiserver_request_total");
  }
}
