package dev.lockstep.core.api;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict semantic version ({@code MAJOR.MINOR.PATCH}, optionally {@code -prerelease}). Tags such
 * as {@code latest} and ranges such as {@code ^2.1} are refused: an upgrade must name exactly what
 * it installs.
 */
public record Version(int major, int minor, int patch, String preRelease)
    implements Comparable<Version> {

  private static final Pattern SEMVER =
      Pattern.compile(
          "(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-([0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*))?");
  private static final Pattern RANGE_MARKERS = Pattern.compile(".*([\\^~<>=*|]|\\.x|\\.X| - ).*");

  public static Version parse(String text) {
    return parse(text, null, "version");
  }

  /**
   * Parses {@code text}, naming {@code file} and {@code field} in the error if it is not pinned.
   */
  public static Version parse(String text, Path file, String field) {
    String value = text == null ? "" : text.trim();
    Matcher matcher = SEMVER.matcher(value);
    if (!matcher.matches()) {
      throw new BadInputException(ErrorCode.VERSION_NOT_PINNED, notPinned(value, file, field));
    }
    for (int part = 1; part <= 3; part++) {
      if (!fitsInt(matcher.group(part))) {
        throw new BadInputException(
            ErrorCode.VERSION_NOT_PINNED,
            new Problem(
                file,
                field,
                "'"
                    + value
                    + "': "
                    + matcher.group(part)
                    + " is larger than "
                    + Integer.MAX_VALUE
                    + ", the largest MAJOR, MINOR or PATCH number a version may have.",
                "name one exact release whose numbers are each at most "
                    + Integer.MAX_VALUE
                    + ", for example 2.3.1."));
      }
    }
    return new Version(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)),
        matcher.group(4));
  }

  /** The pattern allows no sign and no leading zero, so length and then text order decide. */
  private static boolean fitsInt(String digits) {
    String max = String.valueOf(Integer.MAX_VALUE);
    return digits.length() < max.length()
        || (digits.length() == max.length() && digits.compareTo(max) <= 0);
  }

  private static Problem notPinned(String value, Path file, String field) {
    String fix = "name one exact release, for example 2.3.1.";
    if (value.isEmpty()) {
      return new Problem(file, field, "no version given.", fix);
    }
    if (value.equalsIgnoreCase("latest") || value.equalsIgnoreCase("stable")) {
      return new Problem(
          file,
          field,
          "'" + value + "' is a moving tag, not a version; it can change under you.",
          "pin the release you are moving to: " + fix);
    }
    if (RANGE_MARKERS.matcher(value).matches()) {
      return new Problem(
          file, field, "'" + value + "' is a version range, not one version.", "pin it: " + fix);
    }
    return new Problem(
        file, field, "'" + value + "' is not a version of the form MAJOR.MINOR.PATCH.", fix);
  }

  @Override
  public int compareTo(Version other) {
    int byNumbers =
        major != other.major
            ? Integer.compare(major, other.major)
            : minor != other.minor
                ? Integer.compare(minor, other.minor)
                : Integer.compare(patch, other.patch);
    if (byNumbers != 0) {
      return byNumbers;
    }
    if (preRelease == null || other.preRelease == null) {
      // A release sorts after its pre-releases.
      return preRelease == null ? (other.preRelease == null ? 0 : 1) : -1;
    }
    return preRelease.compareTo(other.preRelease);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + (preRelease == null ? "" : "-" + preRelease);
  }
}
