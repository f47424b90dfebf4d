package dev.lockstep.targets.command;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.Version;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds the version a version command printed, among whatever else it printed. */
final class VersionToken {
  /**
   * MAJOR.MINOR.PATCH with an optional pre-release, not inside a longer dotted number: the
   * "127.0.0" of an address in a log line is not a version.
   */
  private static final Pattern CANDIDATE =
      Pattern.compile(
          "(?<![\\w.])v?(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)?)(?!\\.?\\d)");

  private VersionToken() {}

  /** The first strict semantic version in {@code lines}, or null. */
  static String first(List<String> lines) {
    for (String line : lines) {
      Matcher matcher = CANDIDATE.matcher(line);
      while (matcher.find()) {
        try {
          return Version.parse(matcher.group(1)).toString();
        } catch (BadInputException e) {
          // A leading zero, say: not a version; look further.
        }
      }
    }
    return null;
  }
}
