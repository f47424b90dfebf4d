package dev.lockstep.cli.commands;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.Version;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code --to VERSION}: the exact release to move to. It is checked while the command line is
 * parsed, so a tag or a range is refused (exit 2) before anything is opened.
 */
public final class TargetVersionOption {
  @Option(
      names = "--to",
      paramLabel = "VERSION",
      required = true,
      converter = PinnedVersion.class,
      description = "the exact release to move to, e.g. 2.3.1 (never latest or a range)")
  Version version;

  public Version version() {
    return version;
  }

  static class PinnedVersion implements ITypeConverter<Version> {
    /** The option whose value this reads, for the error. */
    String option() {
      return "--to";
    }

    @Override
    public Version convert(String value) {
      try {
        return Version.parse(value, null, option());
      } catch (BadInputException e) {
        throw new TypeConversionException(
            e.problems().get(0).message() + " Fix: " + e.problems().get(0).fix());
      }
    }
  }

  /** {@code --from VERSION}, as pinned as {@code --to}. */
  static final class PinnedFromVersion extends PinnedVersion {
    @Override
    String option() {
      return "--from";
    }
  }
}
