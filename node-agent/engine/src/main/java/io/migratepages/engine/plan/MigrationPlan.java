package io.migratepages.engine.plan;

import io.migratepages.engine.numamaps.NumaPlacement;
import io.migratepages.numanodes.NumaNodeSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The node passes migrate_pages will make for {@code from -> to}, in the kernel's order. */
public record MigrationPlan(NumaNodeSet from, NumaNodeSet to, List<NumaNodeMove> moves) {

  public MigrationPlan {
    moves = List.copyOf(moves);
  }

  public boolean movesNothing() {
    return moves.isEmpty();
  }

  /** Bytes each destination will receive, given where the memory is now. */
  public Map<Integer, Long> incomingBytes(NumaPlacement placement) {
    Map<Integer, Long> incoming = new TreeMap<>();
    for (NumaNodeMove move : moves) {
      incoming.merge(move.destination(), placement.bytesOn(move.source()), Long::sum);
    }
    return incoming;
  }

  /** Bytes each source node will give away. */
  public Map<Integer, Long> outgoingBytes(NumaPlacement placement) {
    Map<Integer, Long> outgoing = new TreeMap<>();
    for (NumaNodeMove move : moves) {
      outgoing.merge(move.source(), placement.bytesOn(move.source()), Long::sum);
    }
    return outgoing;
  }

  public long bytesToMove(NumaPlacement placement) {
    return moves.stream().mapToLong(m -> placement.bytesOn(m.source())).sum();
  }

  @Override
  public String toString() {
    return moves.isEmpty()
        ? "(nothing to move)"
        : String.join(", ", moves.stream().map(NumaNodeMove::toString).toList());
  }
}
