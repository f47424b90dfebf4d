package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ReleaseLintText;
import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.ManifestLoader;
import dev.lockstep.core.manifest.ReleaseCatalog;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.engine.release.ReleaseLintReport;
import dev.lockstep.engine.release.ReleaseLinter;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
    name = "release",
    description = "For the vendor: check a release before publishing it.",
    subcommands = {ReleaseCommand.Lint.class})
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
              + " release, each with the safer way; with --observe, run them on a throwaway"
              + " PostgreSQL and measure each one's class against the manifest's.")
  static final class Lint implements Callable<Integer> {
    @Mixin OutputOptions output;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "RELEASE", description = "the release.yaml, or the folder holding it")
    Path release;

    @Option(
        names = "--observe",
        description = "run the migrations on a throwaway PostgreSQL: locks, rewrites, classes")
    boolean observe;

    @Option(
        names = "--schema-out",
        paramLabel = "FILE",
        description =
            "with --observe: write the schema after the migrations (for migrations.schema)")
    Path schemaOut;

    @Override
    public Integer call() {
      Path file =
          Files.isDirectory(release) ? release.resolve(ReleaseCatalog.MANIFEST_FILE) : release;
      ReleaseManifest manifest = new ManifestLoader().load(file);
      ReleaseLinter linter = new ReleaseLinter();
      ReleaseLintReport report =
          observe ? linter.observe(manifest, schemaOut) : linter.lint(manifest);
      PrintWriter out = spec.commandLine().getOut();
      out.println(output.json() ? Json.write(report) : ReleaseLintText.render(report));
      out.flush();
      return report.failed() ? 1 : 0;
    }
  }
}
