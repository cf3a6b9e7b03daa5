package io.migratepages.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.numanodes.NumaNodeSet;
import org.junit.jupiter.api.Test;

class SourceNodesTest {
  private static final NumaNodeSet ONLINE = NumaNodeSet.range(0, 3);
  private static final NumaNodeSet WITH_MEMORY = NumaNodeSet.of(0, 2, 3);

  @Test
  void aMemorylessNodeIsLeftOutOfFromAsNumactlsParserDoes() {
    SourceNodes sources = SourceNodes.of(NumaNodeSet.range(0, 3), ONLINE, WITH_MEMORY);

    assertThat(sources.kept()).isEqualTo(NumaNodeSet.of(0, 2, 3));
    assertThat(sources.memoryless()).isEqualTo(NumaNodeSet.of(1));
    assertThat(sources.warnings())
        .singleElement()
        .asString()
        .startsWith("source node(s) 1 have no memory and are left out of FROM, as numactl does")
        .contains("FROM is 0,2-3");
  }

  @Test
  void withoutTheMemorylessNodeNode3MapsToNode0LikeNumactl() {
    NumaNodeSet from = SourceNodes.of(NumaNodeSet.range(0, 3), ONLINE, WITH_MEMORY).kept();

    // 0,2,3 -> 0,2: 0->0 and 2->2 stay (and are skipped, the sizes differ), 3 is third -> 0.
    assertThat(MigrationPlanner.plan(from, NumaNodeSet.of(0, 2)).moves())
        .containsExactly(new NumaNodeMove(3, 0));
    // Kept in, node 1 would shift the pairing: 1->2 and 3->2.
    assertThat(MigrationPlanner.plan(NumaNodeSet.range(0, 3), NumaNodeSet.of(0, 2)).moves())
        .containsExactly(new NumaNodeMove(3, 2), new NumaNodeMove(1, 2));
  }

  @Test
  void offlineNodesAreLeftOutWithTheirOwnWarning() {
    SourceNodes sources = SourceNodes.of(NumaNodeSet.of(0, 5), ONLINE, WITH_MEMORY);

    assertThat(sources.kept()).isEqualTo(NumaNodeSet.of(0));
    assertThat(sources.offline()).isEqualTo(NumaNodeSet.of(5));
    assertThat(sources.warnings())
        .singleElement()
        .asString()
        .contains("source node(s) 5 are not online");
  }

  @Test
  void nodesWithMemoryPassUnchangedAndSilently() {
    SourceNodes sources = SourceNodes.of(NumaNodeSet.of(0, 2, 3), ONLINE, WITH_MEMORY);

    assertThat(sources.kept()).isEqualTo(NumaNodeSet.of(0, 2, 3));
    assertThat(sources.warnings()).isEmpty();
  }
}
