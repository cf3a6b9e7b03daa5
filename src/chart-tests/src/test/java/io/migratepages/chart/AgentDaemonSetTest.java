package io.migratepages.chart;

import static io.migratepages.chart.Pods.container;
import static io.migratepages.chart.Pods.env;
import static io.migratepages.chart.Pods.podSpec;
import static io.migratepages.chart.Pods.strings;
import static io.migratepages.chart.Pods.volume;
import static io.migratepages.chart.Pods.volumeMount;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/** The node agent's DaemonSet, as docs/security.md describes it. */
class AgentDaemonSetTest {

  private static final JsonNode DEFAULT = Chart.render().one("DaemonSet");
  private static final JsonNode AGENT = container(DEFAULT, "agent");

  @Test
  void runsInTheHostPidNamespaceOnly() {
    JsonNode pod = podSpec(DEFAULT);
    assertThat(pod.path("hostPID").asBoolean()).isTrue();
    assertThat(pod.path("hostNetwork").asBoolean(false)).isFalse();
    assertThat(pod.path("hostIPC").asBoolean(false)).isFalse();
  }

  @Test
  void nodeNameComesFromTheDownwardApi() {
    assertThat(env(AGENT, "NODE_NAME").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("spec.nodeName");
    assertThat(env(AGENT, "POD_NAMESPACE").at("/valueFrom/fieldRef/fieldPath").asText())
        .isEqualTo("metadata.namespace");
  }

  @Test
  void capabilitiesAreExactlyDropAllPlusSysNiceAndSysPtrace() {
    JsonNode caps = AGENT.at("/securityContext/capabilities");
    assertThat(strings(caps.path("drop"))).containsExactly("ALL");
    assertThat(strings(caps.path("add"))).containsExactlyInAnyOrder("SYS_NICE", "SYS_PTRACE");
  }

  @Test
  void isNeverPrivilegedAndCannotEscalate() {
    JsonNode sc = AGENT.path("securityContext");
    assertThat(sc.path("privileged").asBoolean(false)).isFalse();
    assertThat(sc.path("allowPrivilegeEscalation").isBoolean()).isTrue();
    assertThat(sc.path("allowPrivilegeEscalation").asBoolean()).isFalse();
    assertThat(sc.path("readOnlyRootFilesystem").asBoolean()).isTrue();
  }

  @Test
  void runsAsRootBecauseAddedCapabilitiesOnlyReachUidZero() {
    assertThat(AGENT.at("/securityContext/runAsUser").asInt(-1)).isZero();
    assertThat(AGENT.at("/securityContext/runAsNonRoot").asBoolean(true)).isFalse();
    assertThat(podSpec(DEFAULT).at("/securityContext/runAsUser").asInt(-1)).isZero();
  }

  @Test
  void seccompIsUnconfinedByDefaultOnPodAndContainer() {
    assertThat(podSpec(DEFAULT).at("/securityContext/seccompProfile/type").asText())
        .isEqualTo("Unconfined");
    assertThat(AGENT.at("/securityContext/seccompProfile/type").asText()).isEqualTo("Unconfined");
    assertThat(AGENT.at("/securityContext/seccompProfile").has("localhostProfile")).isFalse();
  }

  @Test
  void seccompLocalhostProfileCanBeChosen() {
    JsonNode ds =
        Chart.render(
                "agent.seccompProfile.type=Localhost",
                "agent.seccompProfile.localhostProfile=migratepages/agent.json")
            .one("DaemonSet");
    for (JsonNode profile :
        new JsonNode[] {
          podSpec(ds).at("/securityContext/seccompProfile"),
          container(ds, "agent").at("/securityContext/seccompProfile")
        }) {
      assertThat(profile.path("type").asText()).isEqualTo("Localhost");
      assertThat(profile.path("localhostProfile").asText()).isEqualTo("migratepages/agent.json");
    }
  }

  @Test
  void tmpIsAnEmptyDirBecauseTheRootFilesystemIsReadOnly() {
    assertThat(volumeMount(AGENT, "tmp").path("mountPath").asText()).isEqualTo("/tmp");
    assertThat(volume(DEFAULT, "tmp").has("emptyDir")).isTrue();
  }

  @Test
  void hostCgroupTreeIsMountedReadOnlyWithoutPropagation() {
    JsonNode mount = volumeMount(AGENT, "host-cgroup");
    assertThat(mount.path("mountPath").asText()).isEqualTo("/sys/fs/cgroup");
    assertThat(mount.path("readOnly").asBoolean()).isTrue();
    assertThat(mount.path("mountPropagation").asText()).isEqualTo("None");
    JsonNode hostPath = volume(DEFAULT, "host-cgroup").path("hostPath");
    assertThat(hostPath.path("path").asText()).isEqualTo("/sys/fs/cgroup");
    assertThat(hostPath.path("type").asText()).isEqualTo("Directory");
  }

  @Test
  void theOnlyHostPathIsTheCgroupTree() {
    assertThat(podSpec(DEFAULT).path("volumes"))
        .filteredOn(v -> v.has("hostPath"))
        .extracting(v -> v.at("/hostPath/path").asText())
        .containsExactly("/sys/fs/cgroup");
  }

  @Test
  void recursiveReadOnlyIsAskedForWhereKubernetesHasTheField() {
    JsonNode current = volumeMount(AGENT, "host-cgroup");
    assertThat(current.path("recursiveReadOnly").asText()).isEqualTo("IfPossible");

    JsonNode old =
        volumeMount(
            container(Chart.renderForKubeVersion("1.29.4").one("DaemonSet"), "agent"),
            "host-cgroup");
    assertThat(old.has("recursiveReadOnly")).isFalse();
    assertThat(old.path("readOnly").asBoolean()).isTrue();
  }

  @Test
  void jvmHeapIsSizedFromTheContainerLimitNotTheHostCgroupRoot() {
    JsonNode limit = env(AGENT, "AGENT_MEMORY_LIMIT_BYTES").at("/valueFrom/resourceFieldRef");
    assertThat(limit.path("containerName").asText()).isEqualTo("agent");
    assertThat(limit.path("resource").asText()).isEqualTo("limits.memory");
    assertThat(env(AGENT, "JDK_JAVA_OPTIONS").path("value").asText())
        .isEqualTo("-XX:MaxRAM=$(AGENT_MEMORY_LIMIT_BYTES)");
  }

  @Test
  void probesAndPortAreQuarkusDefaults() {
    assertThat(AGENT.at("/ports/0/containerPort").asInt()).isEqualTo(8080);
    assertThat(AGENT.at("/ports/0/name").asText()).isEqualTo("http");
    assertThat(AGENT.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
    assertThat(AGENT.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/q/health/ready");
    assertThat(AGENT.at("/startupProbe/httpGet/path").asText()).isEqualTo("/q/health/live");
  }

  @Test
  void imageDefaultsToTheChartAppVersionAndAcceptsADigest() {
    assertThat(AGENT.path("image").asText())
        .isEqualTo("ghcr.io/migratepages/migratepages-node-agent:0.1.0");
    String digest = "sha256:" + "ab".repeat(32);
    JsonNode pinned =
        container(
            Chart.render(
                    "image.agent.repository=registry.example/mp/agent",
                    "image.agent.tag=ignored",
                    "image.agent.digest=" + digest)
                .one("DaemonSet"),
            "agent");
    assertThat(pinned.path("image").asText()).isEqualTo("registry.example/mp/agent@" + digest);
  }

  @Test
  void toleratesEveryTaintByDefaultSoTaintedNodesCanBeMigratedToo() {
    JsonNode tolerations = podSpec(DEFAULT).path("tolerations");
    assertThat(tolerations).hasSize(1);
    assertThat(tolerations.get(0).path("operator").asText()).isEqualTo("Exists");
    assertThat(tolerations.get(0).has("key")).isFalse();
    assertThat(tolerations.get(0).has("effect")).isFalse();
  }

  @Test
  void schedulingAndRolloutAreConfigurable() {
    JsonNode ds =
        Chart.renderWithValues(
                """
                agent:
                  nodeSelector:
                    numa.example/multi-socket: "true"
                  tolerations:
                    - key: dedicated
                      operator: Equal
                      value: db
                      effect: NoSchedule
                  affinity:
                    nodeAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                        nodeSelectorTerms:
                          - matchExpressions:
                              - key: kubernetes.io/arch
                                operator: In
                                values: [amd64]
                  priorityClassName: system-node-critical
                  updateStrategy:
                    type: RollingUpdate
                    rollingUpdate:
                      maxUnavailable: 10%
                  resources:
                    requests: {cpu: 20m, memory: 200Mi}
                    limits: {memory: 500Mi}
                """)
            .one("DaemonSet");
    JsonNode pod = podSpec(ds);
    assertThat(pod.at("/nodeSelector/numa.example~1multi-socket").asText()).isEqualTo("true");
    assertThat(pod.at("/tolerations/0/key").asText()).isEqualTo("dedicated");
    assertThat(pod.path("tolerations")).hasSize(1);
    assertThat(
            pod.at(
                    "/affinity/nodeAffinity/requiredDuringSchedulingIgnoredDuringExecution"
                        + "/nodeSelectorTerms/0/matchExpressions/0/key")
                .asText())
        .isEqualTo("kubernetes.io/arch");
    assertThat(pod.path("priorityClassName").asText()).isEqualTo("system-node-critical");
    assertThat(ds.at("/spec/updateStrategy/rollingUpdate/maxUnavailable").asText())
        .isEqualTo("10%");
    assertThat(container(ds, "agent").at("/resources/limits/memory").asText()).isEqualTo("500Mi");
  }

  @Test
  void appArmorIsLeftToTheRuntimeUnlessAsked() {
    assertThat(AGENT.path("securityContext").has("appArmorProfile")).isFalse();
    JsonNode sc =
        container(
                Chart.render(
                        "agent.appArmorProfile.type=Localhost",
                        "agent.appArmorProfile.localhostProfile=migratepages-agent")
                    .one("DaemonSet"),
                "agent")
            .path("securityContext");
    assertThat(sc.at("/appArmorProfile/type").asText()).isEqualTo("Localhost");
    assertThat(sc.at("/appArmorProfile/localhostProfile").asText()).isEqualTo("migratepages-agent");
  }
}
