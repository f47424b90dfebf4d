package dev.lockstep.engine.watch;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many rounds in a row each signal has failed: a watch acts only on a fail that held for {@link
 * UpgradeWatch#CONFIRMING_ROUNDS} rounds, not on one burst of noise.
 */
final class FailStreaks {
  private final int confirming;
  private final Map<String, Integer> streaks = new HashMap<>();

  FailStreaks(int confirming) {
    this.confirming = confirming;
  }

  /** Counts this round's verdicts; returns the fails that have now held long enough. */
  List<Judgement> confirmed(List<Judgement> round) {
    for (Judgement judgement : round) {
      boolean failed = judgement.verdict() == SignalVerdict.FAIL;
      streaks.merge(judgement.signal(), failed ? 1 : 0, (streak, one) -> one == 0 ? 0 : streak + 1);
    }
    return round.stream().filter(j -> streaks.getOrDefault(j.signal(), 0) >= confirming).toList();
  }
}
