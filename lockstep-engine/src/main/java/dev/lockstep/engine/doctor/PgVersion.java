package dev.lockstep.engine.doctor;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PostgreSQL version, compared by major release: {@code 15} for 15.18, {@code 9.6} for 9.6.24
 * (before 10 the major release had two numbers). pg_dump can read servers up to its own major
 * release, never newer ones.
 *
 * @param text as the program or server printed it, e.g. {@code 15.18}
 */
public record PgVersion(int first, int second, String text) {
  private static final Pattern NUMBER = Pattern.compile("(\\d+)(?:\\.(\\d+))?");
  private static final Pattern PROGRAM = Pattern.compile("\\(PostgreSQL\\)\\s+(\\S+)");

  /** {@code 15.18}, {@code 16beta1}, {@code 9.6.24}; empty if it holds no version. */
  public static Optional<PgVersion> parse(String text) {
    Matcher number = NUMBER.matcher(text);
    if (!number.find()) {
      return Optional.empty();
    }
    int first = Integer.parseInt(number.group(1));
    int second = number.group(2) == null ? 0 : Integer.parseInt(number.group(2));
    return Optional.of(new PgVersion(first, second, text.strip()));
  }

  /** From what {@code pg_dump --version} prints: {@code pg_dump (PostgreSQL) 15.18 (Debian …)}. */
  public static Optional<PgVersion> fromProgramOutput(String output) {
    Matcher matcher = PROGRAM.matcher(output);
    return matcher.find() ? parse(matcher.group(1)) : Optional.empty();
  }

  /** The major release: {@code 15}, or {@code 9.6} before 10. */
  public String major() {
    return first >= 10 ? String.valueOf(first) : first + "." + second;
  }

  /** Whether this major release is older than {@code other}'s. */
  public boolean olderMajorThan(PgVersion other) {
    return majorKey() < other.majorKey();
  }

  private int majorKey() {
    return first >= 10 ? first * 1000 : first * 1000 + second;
  }
}
