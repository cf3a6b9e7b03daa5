package io.migratepages.e2e.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kube-apiserver's own request count: the counter {@code apiserver_request_total} of its {@code
 * /metrics} (Prometheus text format), summed by verb, resource and subresource ({@code PUT
 * numamigrations/status}) and, separately, by response code. The server counts a request when it
 * has answered it, so a WATCH is counted when it ends, not when it starts.
 */
public record ApiServerRequestTotals(Map<String, Long> byKind, Map<String, Long> byCode) {
  private static final String METRIC = "apiserver_request_total{";
  private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  public static ApiServerRequestTotals parse(String metricsText) {
    Map<String, Long> byKind = new TreeMap<>();
    Map<String, Long> byCode = new TreeMap<>();
    for (String line : metricsText.split("\n")) {
      if (!line.startsWith(METRIC)) {
        continue;
      }
      int close = line.lastIndexOf('}');
      Map<String, String> labels = new TreeMap<>();
      Matcher m = LABEL.matcher(line.substring(METRIC.length(), close));
      while (m.find()) {
        labels.put(m.group(1), m.group(2));
      }
      long value = (long) Double.parseDouble(line.substring(close + 1).trim());
      String subresource = labels.getOrDefault("subresource", "");
      String kind =
          labels.getOrDefault("verb", "?")
              + " "
              + labels.getOrDefault("resource", "?")
              + (subresource.isEmpty() ? "" : "/" + subresource);
      byKind.merge(kind, value, Long::sum);
      byCode.merge(labels.getOrDefault("code", "?"), value, Long::sum);
    }
    if (byKind.isEmpty()) {
      throw new IllegalStateException(
          "no apiserver_request_total in the API server's /metrics (is it a kube-apiserver?)");
    }
    return new ApiServerRequestTotals(byKind, byCode);
  }

  public ApiServerRequestTotals since(ApiServerRequestTotals before) {
    return new ApiServerRequestTotals(
        Counts.difference(before.byKind, byKind), Counts.difference(before.byCode, byCode));
  }

  public long total() {
    return Counts.total(byKind);
  }
}
