package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ReleaseLintText;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.release.LintTimezone;
import dev.lockstep.engine.release.ProductionTimezone;
import dev.lockstep.engine.release.ReleaseLintResult;
import dev.lockstep.engine.release.ReleaseLinter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "release",
    description =
        "For the vendor: check a release before publishing it, and sign it; for the operator:"
            + " verify its signature.",
    subcommands = {
      ReleaseCommand.Lint.class,
      ReleaseImportCommand.class,
      ReleaseIndexCommand.class,
      ReleaseKeygenCommand.class,
      ReleaseSignCommand.class,
      ReleaseVerifyCommand.class
    })
public final class ReleaseCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "lint",
      description =
          "Flag migrations that take long exclusive locks, rewrite tables or break the previous"
              + " release, each with the safer way, and say which classes reading cannot decide;"
              + " with --observe, run them on one throwaway PostgreSQL and measure each one's"
              + " class against the manifest's. Exit 0 only when every class holds and everything"
              + " was decided; 1 when a class is wrong, a migration fails, or (without --observe)"
              + " a class is undecided.")
  static final class Lint implements Callable<Integer> {
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Parameters(
        arity = "1..*",
        paramLabel = "RELEASE",
        description =
            "a release.yaml, the folder holding it, or a folder of releases"
                + " (<version>/release.yaml); several are linted oldest first")
    List<Path> releases;

    @Option(
        names = "--observe",
        description =
            "run the migrations on one throwaway PostgreSQL for all the releases: locks, rewrites,"
                + " classes")
    boolean observe;

    @Option(
        names = "--schema-out",
        paramLabel = "FILE",
        description =
            "with --observe and one release: write the schema after its migrations (for"
                + " migrations.schema)")
    Path schemaOut;

    @Option(
        names = {"-c", "--config"},
        paramLabel = "FILE",
        description =
            "with --observe: a deployment config whose database gives the session time zone to"
                + " judge rewrites under (without it, a non-UTC zone is assumed)")
    Path config;

    @Override
    public Integer call() {
      requireObserveFor(
          schemaOut != null,
          "--schema-out",
          "the schema is read from the throwaway" + " server after the migrations ran");
      requireObserveFor(
          config != null,
          "-c",
          "the config only gives the time zone to observe" + " the migrations under");
      List<ReleaseManifest> manifests = ReleaseArguments.load(releases);
      ReleaseLinter linter = new ReleaseLinter();
      ReleaseLintResult result =
          observe ? linter.observe(manifests, timezone(), schemaOut) : linter.read(manifests);
      PrintWriter out = spec.commandLine().getOut();
      out.println(output.json() ? Json.write(result) : ReleaseLintText.render(result));
      out.flush();
      return result.exitCode();
    }

    private void requireObserveFor(boolean given, String option, String why) {
      if (given && !observe) {
        throw new LockstepException(
            ErrorCode.USAGE,
            option
                + " needs --observe: "
                + why
                + ". Add --observe, or leave "
                + option
                + " out. Nothing was written.");
      }
    }

    private LintTimezone timezone() {
      return config == null
          ? LintTimezone.assumed()
          : ProductionTimezone.read(Configs.load(spec, config).database());
    }
  }
}
