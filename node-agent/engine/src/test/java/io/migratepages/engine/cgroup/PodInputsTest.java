package io.migratepages.engine.cgroup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PodInputsTest {
  static final String HEX = "0123456789abcdef".repeat(4);

  @Test
  void containerIdsOfEachRuntimeParse() {
    assertThat(ContainerId.parse("containerd://" + HEX))
        .isEqualTo(new ContainerId(ContainerRuntime.CONTAINERD, HEX));
    assertThat(ContainerId.parse("cri-o://" + HEX).runtime()).isEqualTo(ContainerRuntime.CRIO);
    assertThat(ContainerId.parse("docker://" + HEX).runtime()).isEqualTo(ContainerRuntime.DOCKER);
    assertThat(ContainerId.parse("docker://" + HEX).toString()).isEqualTo("docker://" + HEX);
    assertThat(ContainerId.parse("docker://" + HEX).shortId()).isEqualTo("0123456789ab");
  }

  @Test
  void badContainerIdsAreRejectedWithWhatWouldBeValid() {
    assertThatThrownBy(() -> ContainerId.parse("rkt://" + HEX))
        .hasMessageContaining("'rkt://'")
        .hasMessageContaining("containerd://, cri-o://, docker://");
    assertThatThrownBy(() -> ContainerId.parse(HEX))
        .hasMessageContaining("<scheme>://<64 hex digits>");
    assertThatThrownBy(() -> ContainerId.parse(null)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContainerId.parse("containerd://abc"))
        .hasMessageContaining("'containerd://abc'")
        .hasMessageContaining("64 lower-case hex digits");
    assertThatThrownBy(() -> ContainerId.parse("containerd://../../" + HEX.substring(6)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void qosClassesParseFromTheirKubernetesSpelling() {
    assertThat(QosClass.parse("Guaranteed")).contains(QosClass.GUARANTEED);
    assertThat(QosClass.parse("Burstable")).contains(QosClass.BURSTABLE);
    assertThat(QosClass.parse("BestEffort")).contains(QosClass.BEST_EFFORT);
    assertThat(QosClass.parse(null)).isEmpty();
    assertThat(QosClass.parse(" ")).isEmpty();
    assertThatThrownBy(() -> QosClass.parse("besteffort"))
        .hasMessageContaining("qosClass 'besteffort'")
        .hasMessageContaining("Guaranteed, Burstable, BestEffort");
  }

  @Test
  void podUidMustNotEscapeTheCgroupTree() {
    assertThatThrownBy(() -> new PodRef("../etc", null, List.of()))
        .hasMessageContaining("pod uid '../etc'");
    assertThatThrownBy(() -> new PodRef("", null, List.of())).hasMessageContaining("pod uid ''");
    assertThat(new PodRef("3f2a-1c4e", null, List.of()).systemdUid()).isEqualTo("3f2a_1c4e");
  }

  @Test
  void containerNeedsAName() {
    assertThatThrownBy(() -> ContainerRef.of(" ", "docker://" + HEX))
        .hasMessageContaining("container name");
  }
}
