package dev.lockstep.core.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** What "worse than before the upgrade" means for a watched signal. */
public enum SignalKind {
  /** A rate that must not rise, such as errors per second. */
  RATE("must not rise"),
  /** A ratio that must not fall, such as the share of key operations that succeed. */
  RATIO("must not fall"),
  /** A level that must stay under a bound, such as ingestion lag. */
  LEVEL("must stay under its bound"),
  /** A level that must not keep growing, such as resident memory. */
  TREND("must not keep growing");

  private final String rule;

  SignalKind(String rule) {
    this.rule = rule;
  }

  /** The rule in words, for reports: "must not rise". */
  public String rule() {
    return rule;
  }

  /** The word users write in the config: rate, ratio, level, trend. */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<SignalKind> of(String word) {
    return Arrays.stream(values()).filter(kind -> kind.word().equals(word)).findFirst();
  }
}
