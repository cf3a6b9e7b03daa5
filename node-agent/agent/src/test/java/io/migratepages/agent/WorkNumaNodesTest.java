package io.migratepages.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.migratepages.agent.port.NumaNodeSelection;
import io.migratepages.api.format.PauseDurations;
import io.migratepages.api.v1alpha1.ApiGroup;
import io.migratepages.api.v1alpha1.MoveMode;
import io.migratepages.api.v1alpha1.NodeMigrationSpec;
import io.migratepages.engine.MoveOptions;
import io.migratepages.numanodes.InvalidNumaNodeSpecException;
import io.migratepages.numanodes.NumaNodeSet;
import io.migratepages.numanodes.NumaNodeUniverse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkNumaNodesTest {

  /** The API's bounds are the engine's: a value admission accepts never fails in the engine. */
  @Test
  void theApisPauseBoundsAreTheEngines() {
    assertThat(PauseDurations.MIN).isEqualTo(MoveOptions.MIN_MAX_PAUSE);
    assertThat(PauseDurations.MAX).isEqualTo(MoveOptions.MAX_MAX_PAUSE);
  }

  @Test
  void noModeIsWhole() {
    assertThat(WorkNumaNodes.moveOptions(new NodeMigrationSpec())).isEqualTo(MoveOptions.whole());
  }

  @Test
  void boundedWithoutPauseOrRateTakesTheEnginesDefaults() {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setMode(MoveMode.Bounded);

    assertThat(WorkNumaNodes.moveOptions(spec)).isEqualTo(MoveOptions.bounded());
  }

  @Test
  void boundedWithPauseAndRate() {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setMode(MoveMode.Bounded);
    spec.setMaxPausePerCall("750us");
    spec.setRateLimit("1Gi");

    assertThat(WorkNumaNodes.moveOptions(spec))
        .isEqualTo(MoveOptions.bounded(Duration.ofNanos(750_000), 1L << 30));
  }

  @Test
  void badValuesNameTheirField() {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setMode(MoveMode.Bounded);
    spec.setRateLimit("0");
    assertThatThrownBy(() -> WorkNumaNodes.moveOptions(spec))
        .hasMessageStartingWith("spec.rateLimit: 0 would move nothing");

    spec.setMode(MoveMode.Whole);
    assertThatThrownBy(() -> WorkNumaNodes.moveOptions(spec)).hasMessage(ApiGroup.BOUNDED_ONLY);
  }

  private static NodeMigrationSpec spec(String from, String to) {
    NodeMigrationSpec spec = new NodeMigrationSpec();
    spec.setFromNodes(from);
    spec.setToNodes(to);
    return spec;
  }

  private final WorkNumaNodes twoNodes = new WorkNumaNodes(() -> NumaNodeUniverse.of("0-1", "0-1"));

  @Test
  void fixedNodesAreResolvedOnceForTheWholeNode() {
    assertThat(twoNodes.resolve(spec("0", "1")))
        .isEqualTo(
            new WorkTargets.Fixed(
                new NumaNodeSelection(NumaNodeSet.of(0), NumaNodeSet.of(1), MoveOptions.whole())));
  }

  @Test
  void localIsLeftForEachProcessAfterFromNodesWasChecked() {
    WorkTargets targets = twoNodes.resolve(spec("all", "local"));

    assertThat(targets).isInstanceOf(WorkTargets.Local.class);
    assertThat(((WorkTargets.Local) targets).from().isAll()).isTrue();
    assertThat(targets).hasToString("all -> local");
    assertThatThrownBy(() -> twoNodes.resolve(spec("2", "local")))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessageStartingWith("spec.fromNodes: ");
    assertThatThrownBy(() -> twoNodes.resolve(spec("local", "local")))
        .isInstanceOf(InvalidNumaNodeSpecException.class)
        .hasMessageStartingWith("spec.fromNodes: \"local\" names destinations only");
  }
}
