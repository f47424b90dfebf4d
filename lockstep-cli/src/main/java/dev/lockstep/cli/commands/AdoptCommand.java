package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.AdoptionText;
import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.Version;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.adopt.AdoptionReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

@Command(
    name = "adopt",
    description =
        "Record a deployment that runs without Lockstep as release VERSION, restarting nothing:"
            + " every service must report it, the migration history must be its, and a baseline"
            + " backup is taken and verified. Step one for an existing deployment.")
public final class AdoptCommand extends DeploymentCommand {
  @Option(
      names = "--release",
      paramLabel = "VERSION",
      required = true,
      converter = PinnedRelease.class,
      description = "the exact release that runs now, e.g. 1.0.0")
  Version release;

  @Override
  int run(Deployment deployment) {
    AdoptionReport report = deployment.adopt(release);
    print(report, AdoptionText.render(report));
    return report.adopted() ? 0 : ErrorCode.ADOPT_REFUSED.exitCode();
  }

  static final class PinnedRelease implements ITypeConverter<Version> {
    @Override
    public Version convert(String value) {
      try {
        return Version.parse(value, null, "--release");
      } catch (BadInputException e) {
        throw new TypeConversionException(
            e.problems().get(0).message() + " Fix: " + e.problems().get(0).fix());
      }
    }
  }
}
