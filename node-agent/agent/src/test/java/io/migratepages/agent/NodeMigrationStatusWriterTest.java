package io.migratepages.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.migratepages.agent.NodeMigrationStatusWriter.WorkWithdrawnException;
import io.migratepages.api.v1alpha1.MigrationPhase;
import io.migratepages.api.v1alpha1.NodeMigration;
import io.migratepages.api.v1alpha1.NodeMigrationAnnotations;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.api.v1alpha1.NodeMigrationStatus;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Optimistic locking of status writes, with scripted API responses: the CRUD mock does not check
 * resourceVersion on the status subresource, a real API server does.
 */
@EnableKubernetesMockClient
class NodeMigrationStatusWriterTest {
  private static final String PATH =
      "/apis/migratepages.io/v1alpha1/namespaces/ns/nodemigrations/w";

  KubernetesMockServer server;
  KubernetesClient client;

  private static NodeMigration work(long generation, String resourceVersion) {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setNodeName("n1");
    NodeMigration work = new NodeMigration();
    work.setMetadata(
        new ObjectMetaBuilder()
            .withNamespace("ns")
            .withName("w")
            .withGeneration(generation)
            .withResourceVersion(resourceVersion)
            .build());
    work.setSpec(spec);
    return work;
  }

  private static NodeMigrationStatus running() {
    NodeMigrationStatus status = new NodeMigrationStatus();
    status.setPhase(MigrationPhase.Running);
    return status;
  }

  private void conflictOnce() {
    server
        .expect()
        .put()
        .withPath(PATH + "/status")
        .andReturn(409, new StatusBuilder().withCode(409).withReason("Conflict").build())
        .once();
  }

  @Test
  void conflictWithAnUnrelatedWriteIsRetriedOnTheFreshObject() {
    conflictOnce();
    server.expect().get().withPath(PATH).andReturn(200, work(1, "11")).once();
    NodeMigration stored = work(1, "12");
    stored.setStatus(running());
    server.expect().put().withPath(PATH + "/status").andReturn(200, stored).once();

    NodeMigration written = new NodeMigrationStatusWriter(client).write(work(1, "10"), running());

    assertThat(written.getMetadata().getResourceVersion()).isEqualTo("12");
    assertThat(written.getStatus().getPhase()).isEqualTo(MigrationPhase.Running);
    assertThat(server.getRequestCount()).isEqualTo(3);
  }

  @Test
  void newGenerationWithdrawsTheRun() {
    conflictOnce();
    server.expect().get().withPath(PATH).andReturn(200, work(2, "11")).once();

    assertThatThrownBy(() -> new NodeMigrationStatusWriter(client).write(work(1, "10"), running()))
        .isInstanceOf(WorkWithdrawnException.class)
        .hasMessage("NodeMigration ns/w changed to generation 2 while generation 1 ran");
  }

  @Test
  void workTheOperatorWithdrewBeforeOurPickUpStopsTheRun() {
    conflictOnce();
    NodeMigration withdrawn = work(1, "11");
    withdrawn
        .getMetadata()
        .setAnnotations(Map.of(NodeMigrationAnnotations.WITHDRAWN_AT, "2026-11-05T10:15:00.000Z"));
    server.expect().get().withPath(PATH).andReturn(200, withdrawn).once();

    assertThatThrownBy(() -> new NodeMigrationStatusWriter(client).write(work(1, "10"), running()))
        .isInstanceOf(WorkWithdrawnException.class)
        .hasMessage(
            "NodeMigration ns/w was withdrawn by the operator at 2026-11-05T10:15:00.000Z before"
                + " this agent picked it up");
    assertThat(server.getRequestCount()).as("nothing written over the withdrawal").isEqualTo(2);
  }

  @Test
  void deletedWorkWithdrawsTheRun() {
    server
        .expect()
        .put()
        .withPath(PATH + "/status")
        .andReturn(404, new StatusBuilder().withCode(404).withReason("NotFound").build())
        .once();

    assertThatThrownBy(() -> new NodeMigrationStatusWriter(client).write(work(1, "10"), running()))
        .isInstanceOf(WorkWithdrawnException.class)
        .hasMessage("NodeMigration ns/w was deleted");
  }

  /** The pick-up status as the reconciler makes it: from the work it is written on. */
  private static NodeMigrationStatus pickedUpFrom(NodeMigration work) {
    NodeMigrationStatus status = running();
    status.setObservedGeneration(work.getMetadata().getGeneration());
    status.setMessage("made from resourceVersion " + work.getMetadata().getResourceVersion());
    return status;
  }

  @Test
  void pickUpOnACurrentCopyIsOneWriteWithoutARead() {
    NodeMigration stored = work(1, "11");
    stored.setStatus(pickedUpFrom(work(1, "10")));
    server.expect().put().withPath(PATH + "/status").andReturn(200, stored).once();

    var pickedUp =
        new NodeMigrationStatusWriter(client)
            .pickUp(work(1, "10"), NodeMigrationStatuses::needsWork, w -> pickedUpFrom(w));

    assertThat(pickedUp).isPresent();
    assertThat(pickedUp.get().work().getMetadata().getResourceVersion()).isEqualTo("11");
    assertThat(pickedUp.get().status().getMessage()).isEqualTo("made from resourceVersion 10");
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void pickUpOnAStaleCopyIsDecidedAndMadeAgainFromTheFreshObject() throws Exception {
    conflictOnce();
    server.expect().get().withPath(PATH).andReturn(200, work(1, "11")).once();
    NodeMigration stored = work(1, "12");
    stored.setStatus(pickedUpFrom(work(1, "11")));
    server.expect().put().withPath(PATH + "/status").andReturn(200, stored).once();

    var pickedUp =
        new NodeMigrationStatusWriter(client)
            .pickUp(work(1, "10"), NodeMigrationStatuses::needsWork, w -> pickedUpFrom(w));

    assertThat(pickedUp).isPresent();
    assertThat(pickedUp.get().status().getMessage()).isEqualTo("made from resourceVersion 11");
    assertThat(server.getRequestCount()).isEqualTo(3);
    server.takeRequest();
    server.takeRequest();
    assertThat(server.takeRequest().getBody().readUtf8())
        .contains("\"resourceVersion\":\"11\"")
        .contains("made from resourceVersion 11");
  }

  @Test
  void pickUpOnAStaleCopyOfWorkAlreadyDoneWritesNothing() {
    conflictOnce();
    NodeMigration done = work(1, "11");
    NodeMigrationStatus succeeded = new NodeMigrationStatus();
    succeeded.setPhase(MigrationPhase.Succeeded);
    succeeded.setObservedGeneration(1L);
    done.setStatus(succeeded);
    server.expect().get().withPath(PATH).andReturn(200, done).once();

    var pickedUp =
        new NodeMigrationStatusWriter(client)
            .pickUp(work(1, "10"), NodeMigrationStatuses::needsWork, w -> pickedUpFrom(w));

    assertThat(pickedUp).isEmpty();
    assertThat(server.getRequestCount()).as("nothing written over the result").isEqualTo(2);
  }

  @Test
  void pickUpOfWorkTheOperatorWithdrewMeanwhileWritesNothing() {
    conflictOnce();
    NodeMigration withdrawn = work(1, "11");
    withdrawn
        .getMetadata()
        .setAnnotations(Map.of(NodeMigrationAnnotations.WITHDRAWN_AT, "2026-11-05T10:15:00.000Z"));
    server.expect().get().withPath(PATH).andReturn(200, withdrawn).once();

    var pickedUp =
        new NodeMigrationStatusWriter(client)
            .pickUp(work(1, "10"), NodeMigrationStatuses::needsWork, w -> pickedUpFrom(w));

    assertThat(pickedUp).isEmpty();
    assertThat(server.getRequestCount()).as("nothing written over the withdrawal").isEqualTo(2);
  }
}
