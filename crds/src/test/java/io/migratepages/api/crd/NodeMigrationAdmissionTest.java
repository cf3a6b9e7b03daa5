package io.migratepages.api.crd;

import static io.migratepages.api.crd.AdmissionAssertions.assertAccepted;
import static io.migratepages.api.crd.AdmissionAssertions.assertRejectedOnlyAt;
import static io.migratepages.api.crd.Objects.with;
import static io.migratepages.api.crd.Objects.without;
import static io.migratepages.api.crd.Objects.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migratepages.api.v1alpha1.NodeMigration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NodeMigrations as the operator writes them and statuses as the agent writes them. */
class NodeMigrationAdmissionTest {
  private static final ApiServerAdmission API = ApiServerAdmission.forKind(NodeMigration.class);

  private static final ObjectNode WORK_ORDER =
      yaml(
          """
          apiVersion: migratepages.io/v1alpha1
          kind: NodeMigration
          metadata:
            name: move-db-worker-1
            namespace: default
            labels:
              migratepages.io/node: worker-1
              migratepages.io/numamigration: move-db
            annotations:
              migratepages.io/dispatched-at: "2026-11-20T10:00:00Z"
          spec:
            nodeName: worker-1
            migrationName: move-db
            migrationGeneration: 1
            fromNodes: "0"
            toNodes: "1"
            pods:
            - name: db-0
              uid: 0f5e6f2c-9f5b-4a4e-8a54-1c1f7b8f0a11
              qosClass: Guaranteed
              containers:
              - name: postgres
                containerId: containerd://4c1d3f0f9e7a4b2d8c6e5f4a3b2c1d0e9f8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c
          """);

  private static final String AGENT_STATUS =
      """
      phase: PartiallySucceeded
      observedGeneration: 1
      agent: migratepages-agent-x7k2p
      startTime: "2026-11-20T10:00:01Z"
      completionTime: "2026-11-20T10:00:03Z"
      pods:
      - name: db-0
        node: worker-1
        phase: PartiallySucceeded
        reason: PagesNotMoved
        bytesMoved: 268435456
        pagesNotMoved: 12
        containers:
        - name: postgres
          processes: 2
          processesFailed: 0
          bytesMoved: 268435456
          pagesNotMoved: 12
          bytesBefore: {"0": 268484608, "1": 0}
          bytesAfter: {"0": 49152, "1": 268435456}
        processes:
        - pid: 4242
          container: postgres
          phase: Succeeded
          bytesMoved: 268435456
          pagesNotMoved: 12
          elapsedMillis: 180
          bytesBefore: {"0": 268484608}
          bytesAfter: {"0": 49152, "1": 268435456}
      """;

  @Test
  void workOrderAsTheOperatorWritesItIsAccepted() {
    Admission admission = API.create(WORK_ORDER, FieldValidation.STRICT);

    assertAccepted(admission);
    assertThat(admission.stored()).isEqualTo(WORK_ORDER);
  }

  @ParameterizedTest(name = "without spec.{0}")
  @ValueSource(strings = {"nodeName", "migrationName", "fromNodes", "toNodes"})
  void workOrderWithoutARequiredFieldIsRejected(String field) {
    assertRejectedOnlyAt(
        API.create(without(WORK_ORDER, "/spec/" + field), FieldValidation.STRICT),
        "$.spec." + field,
        "Required value");
  }

  @Test
  void workOrderWithMalformedNodeSpecIsRejected() {
    assertRejectedOnlyAt(
        API.create(with(WORK_ORDER, "/spec/toNodes", "0-1-2"), FieldValidation.STRICT),
        "$.spec.toNodes",
        "does not match");
  }

  @Test
  void agentStatusIsAcceptedThroughTheStatusSubresource() {
    ObjectNode withStatus = with(WORK_ORDER, "/status", CrdYaml.read(AGENT_STATUS));

    Admission admission = API.statusUpdate(withStatus);

    assertAccepted(admission);
    assertThat(admission.warnings()).isEmpty();
    assertThat(admission.stored().at("/status")).isEqualTo(CrdYaml.read(AGENT_STATUS));
  }

  @Test
  void agentStatusWithAnUnknownPodPhaseIsRejected() {
    ObjectNode withStatus = with(WORK_ORDER, "/status", CrdYaml.read(AGENT_STATUS));

    assertRejectedOnlyAt(
        API.statusUpdate(with(withStatus, "/status/pods/0/processes/0/phase", "Moved")),
        "$.status.pods[0].processes[0].phase",
        "enumeration");
  }
}
