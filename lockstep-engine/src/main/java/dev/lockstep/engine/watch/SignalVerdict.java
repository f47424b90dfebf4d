package dev.lockstep.engine.watch;

/** How a watched signal compares with its baseline. */
public enum SignalVerdict {
  /** No worse than the baseline, or better. */
  PASS,
  /** Worse, but by less than the signal's minimum effect, or not yet surely: keep an eye on it. */
  MARGINAL,
  /** Surely worse than the baseline, by at least the minimum effect: act. */
  FAIL,
  /** Too few samples, or too little traffic, to say anything yet: the watch goes on. */
  NOT_ENOUGH_DATA
}
