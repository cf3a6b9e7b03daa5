package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.PodReason;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the pods a NumaMigration targets, in its own namespace only, and the containers whose
 * processes move. Pods that cannot be migrated are reported, never silently skipped.
 */
public class TargetResolver {
  private final KubernetesClient client;

  public TargetResolver(KubernetesClient client) {
    this.client = client;
  }

  public Targets resolve(NumaMigration migration) {
    String namespace = migration.getMetadata().getNamespace();
    NumaMigrationSpec spec = migration.getSpec();
    List<Pod> pods;
    String what;
    if (spec.getPodName() != null && !spec.getPodName().isBlank()) {
      what = "pod " + spec.getPodName();
      Pod pod = client.pods().inNamespace(namespace).withName(spec.getPodName()).get();
      pods = pod == null ? List.of() : List.of(pod);
    } else {
      what = "pods matching " + describe(spec.getSelector());
      pods =
          client
              .pods()
              .inNamespace(namespace)
              .withLabelSelector(spec.getSelector())
              .list()
              .getItems();
    }
    SortedMap<String, List<TargetPod>> byNode = new TreeMap<>();
    List<PodMigrationStatus> notRunnable = new ArrayList<>();
    pods.stream()
        .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
        .forEach(
            pod ->
                classify(pod, spec.getContainers())
                    .ifPresentOrElse(
                        notRunnable::add,
                        () ->
                            byNode
                                .computeIfAbsent(
                                    pod.getSpec().getNodeName(), n -> new ArrayList<>())
                                .add(target(pod, spec.getContainers()))));
    return new Targets(what + " in namespace " + namespace, byNode, notRunnable);
  }

  /** Why the pod cannot be migrated, as its Failed entry; empty if it can. */
  private static Optional<PodMigrationStatus> classify(Pod pod, List<String> requested) {
    String name = pod.getMetadata().getName();
    String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
    if (node == null || node.isBlank()) {
      return Optional.of(
          failed(
              pod,
              PodReason.PodNotScheduled,
              "pod " + name + " is not scheduled to a node (phase " + phase + ")"));
    }
    if (pod.getMetadata().getDeletionTimestamp() != null) {
      return Optional.of(failed(pod, PodReason.PodNotRunning, "pod " + name + " is being deleted"));
    }
    if (!"Running".equals(phase)) {
      return Optional.of(
          failed(
              pod,
              PodReason.PodNotRunning,
              "pod " + name + " is in phase " + phase + "; only Running pods can be migrated"));
    }
    List<String> appContainers =
        pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
    if (requested != null && !requested.isEmpty()) {
      List<String> unknown =
          requested.stream().filter(c -> !appContainers.contains(c)).distinct().toList();
      if (!unknown.isEmpty()) {
        return Optional.of(
            failed(
                pod,
                PodReason.ContainerNotFound,
                "pod "
                    + name
                    + " has no container "
                    + String.join(", ", unknown)
                    + "; its containers: "
                    + String.join(", ", appContainers)));
      }
      Map<String, ContainerStatus> statuses = statusesOf(pod);
      List<String> notRunning =
          requested.stream().distinct().filter(c -> !isRunning(statuses.get(c))).toList();
      if (!notRunning.isEmpty()) {
        return Optional.of(
            failed(
                pod,
                PodReason.ContainerNotRunning,
                "container "
                    + notRunning.stream()
                        .map(c -> c + " (" + stateOf(statuses.get(c)) + ")")
                        .collect(Collectors.joining(", "))
                    + " of pod "
                    + name
                    + " is not running"));
      }
    } else if (selectContainers(pod, null).isEmpty()) {
      return Optional.of(
          failed(
              pod,
              PodReason.ContainerNotRunning,
              "no container of pod "
                  + name
                  + " is running; its containers: "
                  + String.join(", ", appContainers)));
    }
    return Optional.empty();
  }

  /** Set by the kubelet on the API's mirror of a static pod: the UID its cgroup is named after. */
  static final String MIRROR_ANNOTATION = "kubernetes.io/config.mirror";

  private static TargetPod target(Pod pod, List<String> requested) {
    return new TargetPod(
        pod.getMetadata().getName(),
        cgroupUid(pod),
        pod.getStatus().getQosClass(),
        selectContainers(pod, requested));
  }

  /**
   * A static pod's cgroup carries the UID of the kubelet's own copy, which its mirror pod in the
   * API announces in an annotation; every other pod's cgroup carries metadata.uid.
   */
  static String cgroupUid(Pod pod) {
    Map<String, String> annotations = pod.getMetadata().getAnnotations();
    String mirrorOf = annotations == null ? null : annotations.get(MIRROR_ANNOTATION);
    return mirrorOf == null || mirrorOf.isBlank() ? pod.getMetadata().getUid() : mirrorOf;
  }

  /**
   * The requested app containers, or by default every app container that is running and has a
   * container ID. Init and ephemeral containers are never selected.
   */
  private static List<TargetContainer> selectContainers(Pod pod, List<String> requested) {
    Map<String, ContainerStatus> statuses = statusesOf(pod);
    List<String> names =
        requested != null && !requested.isEmpty()
            ? List.copyOf(new LinkedHashSet<>(requested))
            : pod.getSpec().getContainers().stream().map(c -> c.getName()).toList();
    return names.stream()
        .filter(n -> isRunning(statuses.get(n)))
        .map(n -> new TargetContainer(n, statuses.get(n).getContainerID()))
        .toList();
  }

  private static Map<String, ContainerStatus> statusesOf(Pod pod) {
    if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
      return Map.of();
    }
    return pod.getStatus().getContainerStatuses().stream()
        .collect(Collectors.toMap(ContainerStatus::getName, Function.identity(), (a, b) -> a));
  }

  private static boolean isRunning(ContainerStatus status) {
    return status != null
        && status.getState() != null
        && status.getState().getRunning() != null
        && status.getContainerID() != null
        && !status.getContainerID().isBlank();
  }

  private static String stateOf(ContainerStatus status) {
    if (status == null || status.getState() == null) {
      return "no status yet";
    }
    if (status.getState().getWaiting() != null) {
      return "waiting: " + status.getState().getWaiting().getReason();
    }
    if (status.getState().getTerminated() != null) {
      return "terminated: " + status.getState().getTerminated().getReason();
    }
    return "no container ID";
  }

  private static PodMigrationStatus failed(Pod pod, PodReason reason, String message) {
    return Pods.failed(
        pod.getMetadata().getName(),
        pod.getSpec() == null ? null : pod.getSpec().getNodeName(),
        reason,
        message);
  }

  /** A selector in kubectl's syntax, for messages: {@code app=db,tier in (a,b)}. */
  static String describe(LabelSelector selector) {
    List<String> parts = new ArrayList<>();
    if (selector.getMatchLabels() != null) {
      new TreeMap<>(selector.getMatchLabels()).forEach((k, v) -> parts.add(k + "=" + v));
    }
    if (selector.getMatchExpressions() != null) {
      for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
        String values = r.getValues() == null ? "" : String.join(",", r.getValues());
        parts.add(
            switch (String.valueOf(r.getOperator())) {
              case "In" -> r.getKey() + " in (" + values + ")";
              case "NotIn" -> r.getKey() + " notin (" + values + ")";
              case "Exists" -> r.getKey();
              case "DoesNotExist" -> "!" + r.getKey();
              default -> r.getKey() + " " + r.getOperator() + " (" + values + ")";
            });
      }
    }
    return parts.isEmpty() ? "<everything>" : String.join(",", parts);
  }
}
