package dev.lockstep.core.yaml;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as operators write them: {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, up to
 * {@link #MAX}.
 */
public final class Durations {
  /**
   * The longest duration a config may give. Nothing Lockstep waits for needs longer, and a bound
   * keeps a mistyped value (or one that overflows a {@code long}) from reaching a deadline.
   */
  public static final Duration MAX = Duration.ofHours(8760);

  /** {@link #MAX} as a config would write it. */
  public static final String MAX_TEXT = "8760h";

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  private Durations() {}

  /** The duration {@code text} writes; empty if it is not one, or if it is longer than MAX. */
  public static Optional<Duration> parse(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    Optional<Duration> duration = exact(matcher);
    return duration.filter(value -> value.compareTo(MAX) <= 0);
  }

  /** Whether {@code text} is written as a duration but is longer than {@link #MAX}. */
  public static boolean isTooLong(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    return matcher.matches() && exact(matcher).map(value -> value.compareTo(MAX) > 0).orElse(true);
  }

  /** Empty when the amount does not even fit a {@code long} of milliseconds. */
  private static Optional<Duration> exact(Matcher matcher) {
    long amount;
    try {
      amount = Long.parseLong(matcher.group(1));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    long unitMillis =
        switch (matcher.group(2)) {
          case "ms" -> 1;
          case "s" -> 1_000;
          case "m" -> 60_000;
          default -> 3_600_000;
        };
    try {
      return Optional.of(Duration.ofMillis(Math.multiplyExact(amount, unitMillis)));
    } catch (ArithmeticException e) {
      return Optional.empty();
    }
  }

  /** The inverse of {@link #parse}, for messages and reports: {@code 1m 30s}, {@code 250ms}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis < 1000) {
      return millis + "ms";
    }
    if (millis < 60_000) {
      return String.format(java.util.Locale.ROOT, "%.1fs", millis / 1000.0);
    }
    long seconds = duration.toSeconds();
    if (seconds < 3600) {
      return (seconds / 60) + "m " + (seconds % 60) + "s";
    }
    return (seconds / 3600) + "h " + ((seconds % 3600) / 60) + "m";
  }
}
