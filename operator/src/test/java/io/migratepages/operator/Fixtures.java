package io.migratepages.operator;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.migratepages.api.format.Timestamps;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import io.migratepages.api.v1alpha1.NumaMigration;
import io.migratepages.api.v1alpha1.NumaMigrationSpec;
import io.migratepages.api.v1alpha1.PodMigrationStatus;
import io.migratepages.api.v1alpha1.TargetContainer;
import io.migratepages.api.v1alpha1.TargetPod;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builders for the objects tests need; every value a test asserts on is passed in. */
final class Fixtures {
  static final String NS = "apps";

  private Fixtures() {}

  static NumaMigration migration(String name, long generation, NumaMigrationSpec spec) {
    NumaMigration migration = new NumaMigration();
    migration.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NS)
            .withUid(UUID.nameUUIDFromBytes(name.getBytes()).toString())
            .withGeneration(generation)
            .build());
    migration.setSpec(spec);
    return migration;
  }

  static NumaMigrationSpec podSpec(String podName, String from, String to) {
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setPodName(podName);
    spec.setFromNodes(from);
    spec.setToNodes(to);
    return spec;
  }

  static NumaMigrationSpec selectorSpec(Map<String, String> labels, String from, String to) {
    NumaMigrationSpec spec = new NumaMigrationSpec();
    spec.setSelector(new LabelSelectorBuilder().withMatchLabels(labels).build());
    spec.setFromNodes(from);
    spec.setToNodes(to);
    return spec;
  }

  /** A Running pod on {@code node} whose containers all run. */
  static Pod runningPod(
      String name, String node, Map<String, String> labels, String... containers) {
    List<ContainerStatus> statuses = new ArrayList<>();
    for (String c : containers) {
      statuses.add(runningStatus(c, "containerd://" + name + "-" + c));
    }
    return new PodBuilder()
        .withMetadata(
            new ObjectMetaBuilder()
                .withName(name)
                .withNamespace(NS)
                .withUid("uid-" + name)
                .withLabels(labels)
                .build())
        .withNewSpec()
        .withNodeName(node)
        .withContainers(
            Arrays.stream(containers)
                .map(c -> new ContainerBuilder().withName(c).withImage("img").build())
                .toList())
        .endSpec()
        .withNewStatus()
        .withPhase("Running")
        .withQosClass("Guaranteed")
        .withContainerStatuses(statuses)
        .endStatus()
        .build();
  }

  static ContainerStatus runningStatus(String name, String id) {
    return new ContainerStatusBuilder()
        .withName(name)
        .withContainerID(id)
        .withNewState()
        .withNewRunning()
        .withStartedAt("2026-01-01T00:00:00Z")
        .endRunning()
        .endState()
        .build();
  }

  static TargetPod target(String name) {
    return new TargetPod(
        name, "uid-" + name, "Guaranteed", List.of(new TargetContainer("app", "containerd://x")));
  }

  /** A NodeMigration as the dispatcher writes it, dispatched at {@code dispatchedAt}. */
  static NodeMigration work(
      NumaMigration owner, String node, Instant dispatchedAt, long generation, String... pods) {
    NodeMigration work = new NodeMigration();
    ObjectMeta meta =
        new ObjectMetaBuilder()
            .withName(
                NodeMigrationDispatcher.nodeMigrationName(owner.getMetadata().getName(), node))
            .withNamespace(NS)
            .withGeneration(generation)
            .withLabels(Map.of(ApiGroup.NODE_LABEL, node))
            .withAnnotations(
                Map.of(NodeMigrationAnnotations.DISPATCHED_AT, Timestamps.format(dispatchedAt)))
            .build();
    work.setMetadata(meta);
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName(node);
    spec.setMigrationName(owner.getMetadata().getName());
    spec.setMigrationGeneration(owner.getMetadata().getGeneration());
    spec.setFromNodes("all");
    spec.setToNodes("1");
    spec.setPods(Arrays.stream(pods).map(Fixtures::target).toList());
    work.setSpec(spec);
    return work;
  }

  /** Marks the work picked up by an agent, with these pod results. */
  static NodeMigration pickedUp(
      NodeMigration work, MigrationPhase nodePhase, PodMigrationStatus... pods) {
    NodeMigrationStatus status = new NodeMigrationStatus();
    status.setPhase(nodePhase);
    status.setObservedGeneration(work.getMetadata().getGeneration());
    status.setAgent("agent-" + work.getSpec().getNodeName());
    status.setPods(new ArrayList<>(Arrays.asList(pods)));
    work.setStatus(status);
    return work;
  }

  static PodMigrationStatus result(String name, MigrationPhase phase, long bytesMoved) {
    PodMigrationStatus pod = new PodMigrationStatus();
    pod.setName(name);
    pod.setPhase(phase);
    pod.setBytesMoved(bytesMoved);
    if (phase == MigrationPhase.Failed) {
      pod.setReason("MigrationFailed");
      pod.setMessage("migrate_pages: EPERM");
    }
    return pod;
  }
}
