package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.api.model.authentication.UserInfo;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.migratepages.agent.report.NodeNumaReportWriter;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.NodeNumaReport;
import io.migratepages.api.v1alpha1.NodeNumaReportStatus;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RealControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The chart's ValidatingAdmissionPolicy, judged by the real API server: the agent's ServiceAccount
 * token, bound to an agent pod on node A, may write the status of node A's NodeMigrations only.
 * Tokens are real (TokenRequest), not impersonation, so the node name comes from the API server's
 * own token authenticator.
 */
@RealControlPlane
class NodeRestrictionTest {

  private static final String RELEASE = "mp-node";
  private static final String NAMESPACE = "mp-node-system";
  private static final String NODE_A = "restricted-node-a";
  private static final String NODE_B = "restricted-node-b";

  /** 70 characters: longer than a label value, so its label is a hash. */
  private static final String LONG_NODE = "restricted-" + "n".repeat(59);

  private static HelmRelease release;

  @BeforeAll
  static void install(KubeLocal kubeLocal, KubernetesClient admin) {
    release = HelmRelease.install(kubeLocal, RELEASE, NAMESPACE);
    for (String node : List.of(NODE_A, NODE_B, LONG_NODE)) {
      admin
          .nodes()
          .resource(new NodeBuilder().withNewMetadata().withName(node).endMetadata().build())
          .create();
    }
    awaitPolicyEnforced(kubeLocal, admin);
  }

  /**
   * The API server loads admission policies through an informer, so for a moment after {@code helm
   * install} returns, updates pass unchecked. Waits until a dry-run update by the agent without a
   * node is refused with the policy's own message (a user without any extra, as impersonated here,
   * must get it too, not a CEL evaluation error).
   */
  private static void awaitPolicyEnforced(KubeLocal kubeLocal, KubernetesClient admin) {
    GenericKubernetesResource probe = nodeMigration(admin, "policy-probe", NODE_A);
    ServiceAccountUser agentUser = new ServiceAccountUser(NAMESPACE, release.agentName());
    try (KubernetesClient agent = agentUser.newClient(kubeLocal)) {
      long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      String outcome;
      while (!(outcome = attempt(agent, probe)).contains("this token names no node")) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              "the API server did not enforce the node-restriction policy within 30 s of helm"
                  + " install; a dry-run status update by the agent without a node: "
                  + outcome);
        }
        Thread.sleep(200);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for the node-restriction policy", e);
    } finally {
      admin.resource(probe).delete();
    }
  }

  /** "allowed", or the API server's refusal. */
  private static String attempt(KubernetesClient agent, GenericKubernetesResource nodeMigration) {
    try {
      agent.resource(withPhase(nodeMigration, "Running")).dryRun().updateStatus();
      return "allowed";
    } catch (KubernetesClientException e) {
      return e.getCode() + " " + e.getMessage();
    }
  }

  @Test
  void aTokenBoundToAPodCarriesItsNodesName(KubeLocal kubeLocal, KubernetesClient admin) {
    try (KubernetesClient agent = clientWithToken(kubeLocal, podBoundToken(admin, NODE_A))) {
      UserInfo user =
          agent
              .authentication()
              .v1()
              .selfSubjectReviews()
              .create(new SelfSubjectReview())
              .getStatus()
              .getUserInfo();

      assertThat(user.getUsername()).isEqualTo(agentUser());
      assertThat(user.getExtra())
          .containsEntry(ServiceAccountUser.NODE_NAME_EXTRA, List.of(NODE_A));
    }
  }

  @Test
  void theAgentOnNodeAWritesNodeAsNodeMigration(KubeLocal kubeLocal, KubernetesClient admin) {
    GenericKubernetesResource own = nodeMigration(admin, "own-a", NODE_A);
    try (KubernetesClient agent = clientWithToken(kubeLocal, podBoundToken(admin, NODE_A))) {
      GenericKubernetesResource written = agent.resource(withPhase(own, "Running")).updateStatus();

      assertThat(written.get("status", "phase").toString()).isEqualTo("Running");
    }
  }

  @Test
  void theAgentOnNodeAIsRefusedNodeBsNodeMigration(KubeLocal kubeLocal, KubernetesClient admin) {
    GenericKubernetesResource other = nodeMigration(admin, "other-b", NODE_B);
    try (KubernetesClient agent = clientWithToken(kubeLocal, podBoundToken(admin, NODE_A))) {
      assertThatThrownBy(() -> agent.resource(withPhase(other, "Failed")).updateStatus())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
          .hasMessageContaining("node-restriction")
          .hasMessageContaining("the node agent on node " + NODE_A)
          .hasMessageContaining("NodeMigration other-b")
          .hasMessageContaining(ApiGroup.NODE_LABEL + "=" + NODE_B);
    }
    assertThat(admin.resource(other).get().getAdditionalProperties()).doesNotContainKey("status");
  }

  @Test
  void aTokenBoundToNoPodIsRefused(KubeLocal kubeLocal, KubernetesClient admin) {
    GenericKubernetesResource own = nodeMigration(admin, "unbound-a", NODE_A);
    TokenRequest unbound =
        new TokenRequestBuilder().withNewSpec().withExpirationSeconds(600L).endSpec().build();
    String token =
        admin
            .serviceAccounts()
            .inNamespace(NAMESPACE)
            .withName(release.agentName())
            .tokenRequest(unbound)
            .getStatus()
            .getToken();
    try (KubernetesClient agent = clientWithToken(kubeLocal, token)) {
      assertThatThrownBy(() -> agent.resource(withPhase(own, "Running")).updateStatus())
          .isInstanceOfSatisfying(
              KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403))
          .hasMessageContaining("this token names no node");
    }
  }

  /** Node names over 63 characters: the label is a hash, so the policy checks spec.nodeName. */
  @Test
  void aNodeNameLongerThanALabelValueIsCheckedAgainstSpecNodeName(
      KubeLocal kubeLocal, KubernetesClient admin) {
    GenericKubernetesResource own = nodeMigration(admin, "own-long", LONG_NODE);
    GenericKubernetesResource other = nodeMigration(admin, "other-a-from-long", NODE_A);
    assertThat(own.getMetadata().getLabels().get(ApiGroup.NODE_LABEL)).startsWith("h-");
    try (KubernetesClient agent = clientWithToken(kubeLocal, podBoundToken(admin, LONG_NODE))) {
      agent.resource(withPhase(own, "Running")).updateStatus();

      assertThatThrownBy(() -> agent.resource(withPhase(other, "Running")).updateStatus())
          .isInstanceOf(KubernetesClientException.class)
          .hasMessageContaining("the node agent on node " + LONG_NODE);
    }
  }

  /** The agent's own report writer, under the chart's RBAC and policy, with node A's token. */
  @Test
  void theAgentOnNodeAWritesNodeAsNodeNumaReportOwnedByItsNode(
      KubeLocal kubeLocal, KubernetesClient admin) {
    try (KubernetesClient agent = clientWithToken(kubeLocal, podBoundToken(admin, NODE_A))) {
      NodeNumaReportWriter writer = new NodeNumaReportWriter(agent, NODE_A);
      writer.write(NodeNumaReportStatus.builder().agent("agent-a").numaNodeCount(2).build());
      writer.write(NodeNumaReportStatus.builder().agent("agent-a").numaNodeCount(4).build());
    }

    NodeNumaReport report = admin.resources(NodeNumaReport.class).withName(NODE_A).get();
    assertThat(report.getSpec().getNodeName()).isEqualTo(NODE_A);
    assertThat(report.getStatus().getNumaNodeCount()).isEqualTo(4);
    assertThat(report.getMetadata().getOwnerReferences())
        .singleElement()
        .satisfies(
            owner -> {
              assertThat(owner.getKind()).isEqualTo("Node");
              assertThat(owner.getUid())
                  .isEqualTo(admin.nodes().withName(NODE_A).get().getMetadata().getUid());
            });
  }

  @Test
  void theAgentOnNodeAIsRefusedNodeBsNodeNumaReport(KubeLocal kubeLocal, KubernetesClient admin)
      throws InterruptedException {
    try (KubernetesClient agent = clientWithToken(kubeLocal, podBoundToken(admin, NODE_A))) {
      NodeNumaReportWriter writer = new NodeNumaReportWriter(agent, NODE_B);
      KubernetesClientException refused = null;
      // both policies come through one informer; allow it a moment to have the second one too
      for (int attempt = 0; attempt < 50 && refused == null; attempt++) {
        try {
          writer.write(NodeNumaReportStatus.builder().agent("agent-a").build());
          admin.resources(NodeNumaReport.class).withName(NODE_B).delete();
          Thread.sleep(200);
        } catch (KubernetesClientException e) {
          refused = e;
        }
      }
      assertThat(refused).as("the write of node B's report by node A's agent").isNotNull();
      assertThat(refused.getCode()).isEqualTo(403);
      assertThat(refused)
          .hasMessageContaining("the node agent on node " + NODE_A)
          .hasMessageContaining("may not write NodeNumaReport " + NODE_B);
    }
    assertThat(admin.resources(NodeNumaReport.class).withName(NODE_B).get()).isNull();
  }

  private static String agentUser() {
    return "system:serviceaccount:" + NAMESPACE + ":" + release.agentName();
  }

  /** A NodeMigration as the operator writes it, labelled for NODE. */
  private static GenericKubernetesResource nodeMigration(
      KubernetesClient admin, String name, String node) {
    GenericKubernetesResource nodeMigration =
        new GenericKubernetesResourceBuilder()
            .withApiVersion("migratepages.io/v1alpha1")
            .withKind("NodeMigration")
            .withNewMetadata()
            .withName(name)
            .withNamespace(NAMESPACE)
            .addToLabels(ApiGroup.NODE_LABEL, ApiGroup.labelValue(node))
            .endMetadata()
            .addToAdditionalProperties(
                "spec",
                Map.of("migrationName", "move", "nodeName", node, "fromNodes", "0", "toNodes", "1"))
            .build();
    return admin.resource(nodeMigration).create();
  }

  private static GenericKubernetesResource withPhase(
      GenericKubernetesResource nodeMigration, String phase) {
    nodeMigration.setAdditionalProperty("status", Map.of("phase", phase));
    return nodeMigration;
  }

  /**
   * What the kubelet gives the agent pod: a token bound to the pod, which the API server (since
   * 1.30, ServiceAccountTokenPodNodeInfo) also binds to the pod's node.
   */
  private static String podBoundToken(KubernetesClient admin, String node) {
    Pod pod = agentPodOn(admin, node);
    TokenRequest request =
        new TokenRequestBuilder()
            .withNewSpec()
            .withExpirationSeconds(600L)
            .withNewBoundObjectRef()
            .withApiVersion("v1")
            .withKind("Pod")
            .withName(pod.getMetadata().getName())
            .withUid(pod.getMetadata().getUid())
            .endBoundObjectRef()
            .endSpec()
            .build();
    return admin
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .withName(release.agentName())
        .tokenRequest(request)
        .getStatus()
        .getToken();
  }

  /** The agent pod the DaemonSet would run on NODE, bound there directly (no scheduler needed). */
  private static Pod agentPodOn(KubernetesClient admin, String node) {
    String name = "agent-" + Integer.toHexString(node.hashCode());
    Pod existing = admin.pods().inNamespace(NAMESPACE).withName(name).get();
    if (existing != null) {
      return existing;
    }
    admin
        .serviceAccounts()
        .inNamespace(NAMESPACE)
        .withName(release.agentName())
        .waitUntilCondition(sa -> sa != null, 30, TimeUnit.SECONDS);
    return admin
        .resource(
            new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withNewSpec()
                .withNodeName(node)
                .withServiceAccountName(release.agentName())
                .addNewContainer()
                .withName("agent")
                .withImage("agent:1")
                .endContainer()
                .endSpec()
                .build())
        .create();
  }

  /** The admin's API server and CA, but authenticated by TOKEN alone. */
  private static KubernetesClient clientWithToken(KubeLocal kubeLocal, String token) {
    try {
      Config admin = Config.fromKubeconfig(Files.readString(kubeLocal.kubeconfig()));
      Config config =
          new ConfigBuilder(Config.empty())
              .withMasterUrl(admin.getMasterUrl())
              .withCaCertData(admin.getCaCertData())
              .withCaCertFile(admin.getCaCertFile())
              .withOauthToken(token)
              .withRequestRetryBackoffLimit(0)
              .build();
      return new KubernetesClientBuilder().withConfig(config).build();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + kubeLocal.kubeconfig(), e);
    }
  }
}
