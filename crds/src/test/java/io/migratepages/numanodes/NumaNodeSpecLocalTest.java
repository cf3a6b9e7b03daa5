package io.migratepages.numanodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.numanodes.NumaNodeSpec.Role;
import org.junit.jupiter.api.Test;

/** {@code local}: a destination resolved per process, never a source. */
class NumaNodeSpecLocalTest {
  private static final NumaNodeUniverse HOST = NumaNodeUniverse.of("0-3", "0,2-3");

  @Test
  void localParsesAsADestination() {
    NumaNodeSpec spec = NumaNodeSpec.parse("local", Role.DESTINATION);
    assertThat(spec.isLocal()).isTrue();
    assertThat(spec.isAll()).isFalse();
  }

  @Test
  void localIsRefusedAsASourceNamingTheArgument() {
    assertThatThrownBy(() -> NumaNodeSpec.parse("local", Role.SOURCE))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessageStartingWith("from-nodes: \"local\" names destinations only");
    assertThatThrownBy(
            () -> NumaNodeSpec.parse("local").resolve(HOST, Role.SOURCE, "spec.fromNodes"))
        .hasMessageStartingWith("spec.fromNodes: \"local\" names destinations only");
  }

  @Test
  void localMustBeTheWholeSpec() {
    assertThatThrownBy(() -> NumaNodeSpec.parse("0,local"))
        .hasMessageContaining("local must be the whole spec");
    assertThatThrownBy(() -> NumaNodeSpec.parse("!local"))
        .isInstanceOf(InvalidNumaNodeSpecException.class);
  }

  @Test
  void localResolvesToTheCpuNodesWithMemory() {
    NumaNodeSpec local = NumaNodeSpec.parse("local");
    assertThat(local.resolveLocal(HOST, NumaNodeSet.of(1, 2), "to-nodes"))
        .isEqualTo(NumaNodeSet.of(2));
    assertThatThrownBy(() -> local.resolveLocal(HOST, NumaNodeSet.of(1), "to-nodes"))
        .hasMessage(
            "to-nodes: \"local\": the process's CPUs are on node(s) 1, none of which has memory"
                + " (nodes with memory: 0,2-3)");
  }

  @Test
  void resolvingLocalWithoutAProcessSaysItIsPerProcess() {
    assertThatThrownBy(() -> NumaNodeSpec.parse("local").resolve(HOST, Role.DESTINATION))
        .hasMessageContaining("resolved for each process at the time of the move");
  }
}
