package io.migratepages.clustertests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.migratepages.kubetest.KubeLocal;
import io.migratepages.kubetest.RepoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/kube-local} itself, each test with a control plane of its own. */
class KubeLocalTest {

  @TempDir Path tmp;

  @Test
  void stopLeavesNoProcessAndAStartAgainKeepsTheClustersData() throws IOException {
    KubeLocal kubeLocal = KubeLocal.startFresh(RepoFiles.repo(), tmp.resolve("cluster"));
    try {
      List<Long> pids = pids(kubeLocal);
      assertThat(pids).hasSize(4).allMatch(KubeLocalTest::isAlive);
      assertThat(kubeLocal.isReady()).isTrue();
      try (KubernetesClient client = kubeLocal.newAdminClient()) {
        client.resource(configMap("kept")).create();
      }

      kubeLocal.stop();

      assertThat(pids).noneMatch(KubeLocalTest::isAlive);
      assertThat(pids(kubeLocal)).isEmpty();
      assertThat(kubeLocal.isReady()).isFalse();

      kubeLocal.restart();

      assertThat(kubeLocal.isReady()).isTrue();
      try (KubernetesClient client = kubeLocal.newAdminClient()) {
        ConfigMap kept = client.configMaps().inNamespace("default").withName("kept").get();
        assertThat(kept).as("the ConfigMap created before the restart").isNotNull();
        assertThat(kept.getData()).containsEntry("written", "before the restart");
      }
    } finally {
      kubeLocal.stop();
    }
  }

  @Test
  void withoutTheBinariesTheExtensionSaysToRunTheBuild() {
    Path emptyCache = tmp.resolve("empty-cache");

    assertThatThrownBy(
            () ->
                KubeLocal.startFresh(
                    RepoFiles.repo(),
                    tmp.resolve("cluster"),
                    Map.of("MIGRATEPAGES_KUBE_CACHE", emptyCache.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("run src/kube/build")
        .hasMessageContaining(emptyCache.toString());
  }

  @Test
  void withAnEmptyBinaryFolderKubeLocalNamesWhatIsMissing() {
    Path emptyBin = tmp.resolve("empty-bin");

    assertThatThrownBy(
            () ->
                KubeLocal.startFresh(
                    RepoFiles.repo(),
                    tmp.resolve("cluster"),
                    Map.of("MIGRATEPAGES_KUBE_BIN", emptyBin.toString())))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("missing etcd kube-apiserver kube-controller-manager kube-scheduler")
        .hasMessageContaining("run src/kube/build");
  }

  private static ConfigMap configMap(String name) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .withNamespace("default")
        .endMetadata()
        .addToData("written", "before the restart")
        .build();
  }

  private static List<Long> pids(KubeLocal kubeLocal) throws IOException {
    try (Stream<Path> files = Files.list(kubeLocal.dir().resolve("run"))) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".pid"))
          .map(KubeLocalTest::readPid)
          .toList();
    }
  }

  private static long readPid(Path file) {
    try {
      return Long.parseLong(Files.readString(file).strip());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + file, e);
    }
  }

  /** A zombie has no command line any more: it counts as gone. */
  private static boolean isAlive(long pid) {
    return ProcessHandle.of(pid).flatMap(p -> p.info().command()).isPresent();
  }
}
