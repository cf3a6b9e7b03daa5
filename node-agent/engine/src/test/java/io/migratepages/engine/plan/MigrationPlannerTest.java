package io.migratepages.engine.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.migratepages.numanodes.NumaNodeSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MigrationPlannerTest {

  private static List<String> moves(String from, String to) {
    return MigrationPlanner.plan(NumaNodeSet.parseList(from), NumaNodeSet.parseList(to))
        .moves()
        .stream()
        .map(NumaNodeMove::toString)
        .toList();
  }

  @Test
  void keepsRelativePlacementOfSeveralNodes() {
    assertThat(moves("2-5", "7,9,12-13")).containsExactly("2->7", "3->9", "4->12", "5->13");
  }

  @Test
  void emptiesANodeBeforeFillingItWhenRangesOverlap() {
    assertThat(moves("0-3", "1-4")).containsExactly("3->4", "2->3", "1->2", "0->1");
    assertThat(moves("2-4", "3-5")).containsExactly("4->5", "3->4", "2->3");
  }

  @Test
  void identicalSetsMoveNothingWhateverTheOrderTheyWereWrittenIn() {
    assertThat(moves("0,1", "1,0")).isEmpty();
    assertThat(moves("0-3", "0-3")).isEmpty();
    assertThat(moves("0", "0")).isEmpty();
  }

  @Test
  void oneSourceToSeveralDestinationsGoesToTheFirst() {
    assertThat(moves("0", "1,2")).containsExactly("0->1");
  }

  @Test
  void emptySourceMovesNothing() {
    assertThat(moves("", "1")).isEmpty();
  }

  @Test
  void withDifferentSizesSourcesThatAreAlsoDestinationsStay() {
    // The kernel's own comment: [0-7] -> [3,4,5] moves only 0,1,2,6,7.
    assertThat(moves("0-7", "3-5")).containsExactly("7->4", "6->3", "2->5", "1->4", "0->3");
    assertThat(moves("0", "0-1")).isEmpty();
  }

  @Test
  void severalSourcesOntoOneDestinationTakeTheLastMovingPairFirst() {
    assertThat(moves("0-2", "1")).containsExactly("2->1", "0->1");
  }

  @Test
  void aNodeMappedToItselfDoesNotMove() {
    assertThat(moves("0,1", "0,2")).containsExactly("1->2");
  }

  @Test
  void sparseNodeIds() {
    assertThat(moves("0", "2")).containsExactly("0->2");
    assertThat(moves("0,2", "2,0")).isEmpty();
    assertThat(moves("0,2", "2,5")).containsExactly("2->5", "0->2");
  }

  @Test
  void remapLeavesNodesOutsideFromAndEmptyDestinationsAlone() {
    assertThat(MigrationPlanner.remap(5, NumaNodeSet.of(0), NumaNodeSet.of(1))).isEqualTo(5);
    assertThat(MigrationPlanner.remap(0, NumaNodeSet.of(0), NumaNodeSet.empty())).isEqualTo(0);
    assertThat(MigrationPlanner.remap(3, NumaNodeSet.range(0, 3), NumaNodeSet.of(8, 9)))
        .isEqualTo(9);
  }

  @Test
  void randomSetsFollowTheRemapRuleAndNeverFillANodeThatStillHasToEmpty() {
    Random random = new Random(42);
    for (int round = 0; round < 2000; round++) {
      NumaNodeSet from = randomSet(random);
      NumaNodeSet to = randomSet(random);
      List<NumaNodeMove> moves = MigrationPlanner.plan(from, to).moves();

      Map<Integer, Integer> expected = new HashMap<>();
      for (int s : from) {
        int d = to.isEmpty() ? s : to.nth(from.indexOf(s) % to.size());
        boolean skipped = from.size() != to.size() && to.contains(s);
        if (!skipped && d != s) {
          expected.put(s, d);
        }
      }
      Map<Integer, Integer> actual = new HashMap<>();
      moves.forEach(m -> actual.put(m.source(), m.destination()));
      assertThat(actual).as("%s -> %s", from, to).isEqualTo(expected);
      assertThat(moves).as("each source once").hasSize(expected.size());
      for (int i = 0; i < moves.size(); i++) {
        for (int later = i + 1; later < moves.size(); later++) {
          assertThat(moves.get(i).destination())
              .as("%s -> %s: %s fills a node emptied later", from, to, moves)
              .isNotEqualTo(moves.get(later).source());
        }
      }
    }
  }

  private static NumaNodeSet randomSet(Random random) {
    NumaNodeSet set = NumaNodeSet.empty();
    int count = random.nextInt(6);
    for (int i = 0; i < count; i++) {
      set = set.union(NumaNodeSet.of(random.nextInt(10)));
    }
    return set;
  }

  @Test
  void incomingAndOutgoingBytesFollowTheMoves() {
    var placement =
        new io.migratepages.engine.numamaps.NumaPlacement(
            new java.util.TreeMap<>(Map.of(0, 100L, 1, 10L, 2, 1L)), new java.util.TreeMap<>());
    MigrationPlan plan = MigrationPlanner.plan(NumaNodeSet.of(0, 1), NumaNodeSet.of(1, 2));
    assertThat(plan.incomingBytes(placement))
        .containsExactlyInAnyOrderEntriesOf(Map.of(1, 100L, 2, 10L));
    assertThat(plan.outgoingBytes(placement))
        .containsExactlyInAnyOrderEntriesOf(Map.of(0, 100L, 1, 10L));
    assertThat(plan.bytesToMove(placement)).isEqualTo(110L);
  }
}
