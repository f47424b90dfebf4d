package dev.lockstep.core.manifest;

import java.util.Optional;
import org.semver4j.RangesList;
import org.semver4j.RangesListFactory;
import org.semver4j.Semver;

/**
 * A range of versions as npm writes them ({@code >=18 <21}, {@code ^14}, {@code 1.x || >=3}),
 * matched against what a program prints of its version ({@code v18.17.0}, {@code 15.18}).
 */
public final class VersionRange {
  private final String text;
  private final RangesList ranges;

  private VersionRange(String text, RangesList ranges) {
    this.text = text;
    this.ranges = ranges;
  }

  /** The range {@code text} writes; empty when it writes none. */
  public static Optional<VersionRange> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    RangesList ranges = RangesListFactory.create(text.strip());
    return ranges.get().isEmpty()
        ? Optional.empty()
        : Optional.of(new VersionRange(text.strip(), ranges));
  }

  /** The first version in {@code printed} (a {@code v} prefix and missing parts allowed). */
  public static Optional<String> versionIn(String printed) {
    Semver version = printed == null ? null : Semver.coerce(printed);
    return Optional.ofNullable(version).map(Semver::getVersion);
  }

  /** Whether {@code version} (as {@link #versionIn} reads it) is in the range. */
  public boolean contains(String version) {
    Semver parsed = Semver.coerce(version);
    return parsed != null && parsed.satisfies(ranges);
  }

  @Override
  public String toString() {
    return text;
  }
}
