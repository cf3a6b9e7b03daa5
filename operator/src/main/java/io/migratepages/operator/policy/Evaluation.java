package io.migratepages.operator.policy;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the evaluation found and decided.
 *
 * @param nextCooldownEnd the earliest moment an off-target pod leaves its cooldown, if any waits
 */
public record Evaluation(
    List<PodVerdict> verdicts, List<Move> moves, Optional<Instant> nextCooldownEnd) {

  public long count(PodVerdict.Judgement judgement) {
    return verdicts.stream().filter(v -> v.judgement() == judgement).count();
  }
}
