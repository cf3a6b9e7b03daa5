package io.migratepages.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.nodeset.NodeSet;
import org.junit.jupiter.api.Test;

class SourceNodesTest {
  private static final NodeSet ONLINE = NodeSet.range(0, 3);
  private static final NodeSet WITH_MEMORY = NodeSet.of(0, 2, 3);

  @Test
  void aMemorylessNodeIsLeftOutOfFromAsNumactlsParserDoes() {
    SourceNodes sources = SourceNodes.of(NodeSet.range(0, 3), ONLINE, WITH_MEMORY);

    assertThat(sources.kept()).isEqualTo(NodeSet.of(0, 2, 3));
    assertThat(sources.memoryless()).isEqualTo(NodeSet.of(1));
    assertThat(sources.warnings())
        .singleElement()
        .asString()
        .startsWith("source node(s) 1 have no memory and are left out of FROM, as numactl does")
        .contains("FROM is 0,2-3");
  }

  @Test
  void withoutTheMemorylessNodeNode3MapsToNode0LikeNumactl() {
    NodeSet from = SourceNodes.of(NodeSet.range(0, 3), ONLINE, WITH_MEMORY).kept();

    // 0,2,3 -> 0,2: 0->0 and 2->2 stay (and are skipped, the sizes differ), 3 is third -> 0.
    assertThat(MigrationPlanner.plan(from, NodeSet.of(0, 2)).moves())
        .containsExactly(new NodeMove(3, 0));
    // Kept in, node 1 would shift the pairing: 1->2 and 3->2.
    assertThat(MigrationPlanner.plan(NodeSet.range(0, 3), NodeSet.of(0, 2)).moves())
        .containsExactly(new NodeMove(3, 2), new NodeMove(1, 2));
  }

  @Test
  void offlineNodesAreLeftOutWithTheirOwnWarning() {
    SourceNodes sources = SourceNodes.of(NodeSet.of(0, 5), ONLINE, WITH_MEMORY);

    assertThat(sources.kept()).isEqualTo(NodeSet.of(0));
    assertThat(sources.offline()).isEqualTo(NodeSet.of(5));
    assertThat(sources.warnings())
        .singleElement()
        .asString()
        .contains("source node(s) 5 are not online");
  }

  @Test
  void nodesWithMemoryPassUnchangedAndSilently() {
    SourceNodes sources = SourceNodes.of(NodeSet.of(0, 2, 3), ONLINE, WITH_MEMORY);

    assertThat(sources.kept()).isEqualTo(NodeSet.of(0, 2, 3));
    assertThat(sources.warnings()).isEmpty();
  }
}
