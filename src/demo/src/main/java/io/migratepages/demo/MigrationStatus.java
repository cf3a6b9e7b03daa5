package io.migratepages.demo;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a NumaMigration's status as kubectl would: by field name, from the API's JSON, without the
 * project's model classes.
 */
public final class MigrationStatus {
  private final GenericKubernetesResource migration;

  public MigrationStatus(GenericKubernetesResource migration) {
    this.migration = migration;
  }

  public String phase() {
    return text("status", "phase");
  }

  public String moved() {
    return text("status", "moved");
  }

  public long summaryBytesMoved() {
    Object value = migration.get("status", "summary", "bytesMoved");
    return value == null ? 0 : ((Number) value).longValue();
  }

  /** status.pods[name=pod]; empty if the status has no such pod. */
  public Optional<Map<String, Object>> pod(String pod) {
    return list(migration.get("status", "pods")).stream()
        .filter(p -> pod.equals(p.get("name")))
        .findFirst();
  }

  /** {@link #container}, or empty when the status has no result for that container. */
  public Optional<ContainerResult> containerIfPresent(String pod, String container) {
    boolean present =
        pod(pod).stream()
            .flatMap(p -> list(p.get("containers")).stream())
            .anyMatch(c -> container.equals(c.get("name")));
    return present ? Optional.of(container(pod, container)) : Optional.empty();
  }

  /** The per-container totals the agent wrote for one container of one pod. */
  public ContainerResult container(String pod, String container) {
    Map<String, Object> podStatus =
        pod(pod)
            .orElseThrow(
                () ->
                    new DemoException(
                        "status.pods has no pod " + pod + ": " + migration.get("status")));
    Map<String, Object> result =
        list(podStatus.get("containers")).stream()
            .filter(c -> container.equals(c.get("name")))
            .findFirst()
            .orElseThrow(
                () ->
                    new DemoException(
                        "status.pods["
                            + pod
                            + "].containers has no container "
                            + container
                            + ": "
                            + podStatus));
    return new ContainerResult(
        container,
        NumaNodeBytes.fromStatus((Map<?, ?>) result.get("bytesBefore")),
        NumaNodeBytes.fromStatus((Map<?, ?>) result.get("bytesAfter")),
        number(result.get("bytesMoved")),
        number(result.get("pagesNotMoved")),
        (int) number(result.get("processes")));
  }

  /**
   * status.pods[name=pod].processes: per process, as the agent reported it. A NodeMigration keeps
   * up to 16 per pod; a NumaMigration fewer when many pods share its budget (processesOmitted).
   */
  public List<ProcessResult> processes(String pod) {
    return pod(pod).map(p -> list(p.get("processes"))).orElse(List.of()).stream()
        .map(
            p ->
                new ProcessResult(
                    (int) number(p.get("pid")),
                    String.valueOf(p.get("container")),
                    String.valueOf(p.get("phase")),
                    number(p.get("bytesMoved")),
                    number(p.get("pagesNotMoved")),
                    number(p.get("elapsedMillis"))))
        .toList();
  }

  private String text(String... path) {
    Object value = migration.get((Object[]) path);
    return value == null ? "" : value.toString();
  }

  private static long number(Object value) {
    return value == null ? 0 : ((Number) value).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }

  /** status.pods[].containers[]: what the agent measured for one container. */
  public record ContainerResult(
      String name,
      NumaNodeBytes bytesBefore,
      NumaNodeBytes bytesAfter,
      long bytesMoved,
      long pagesNotMoved,
      int processes) {}

  /** status.pods[].processes[]: one process as the agent moved it. */
  public record ProcessResult(
      int pid,
      String container,
      String phase,
      long bytesMoved,
      long pagesNotMoved,
      long elapsedMillis) {}
}
