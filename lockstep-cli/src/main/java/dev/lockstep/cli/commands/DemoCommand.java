package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ConsoleProgress;
import dev.lockstep.cli.output.ConsoleRunListener;
import dev.lockstep.cli.output.TextNarrator;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.run.CrashPoints;
import dev.lockstep.examples.Demo;
import dev.lockstep.examples.DemoResult;
import dev.lockstep.examples.DemoTarget;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "demo",
    description =
        "Run the whole story on the bundled sample product with a throwaway PostgreSQL: install,"
            + " upgrade (expand), failed upgrade (contract) rolled back by restoring the backup;"
            + " on local processes, or with --target compose on Docker Compose.")
public final class DemoCommand implements Callable<Integer> {
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  /** Where the sample product runs, as typed. */
  public enum Target {
    process,
    compose
  }

  @Option(names = "--keep", description = "keep the demo's work folder (state, reports, logs)")
  boolean keep;

  @Option(
      names = "--target",
      paramLabel = "TARGET",
      description =
          "process (default): the services as local processes, nothing to install; compose: as"
              + " containers of a Docker Compose project, whose images it builds with Podman",
      defaultValue = "process")
  Target target = Target.process;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    // In JSON mode stdout carries only the result; the story goes to stderr.
    PrintWriter narration = output.json() ? err : out;
    EngineOptions options =
        new EngineOptions(
            new ConsoleRunListener(err),
            new ConsoleProgress(err),
            Clock.systemUTC(),
            CrashPoints.none());
    DemoTarget where = target == Target.compose ? DemoTarget.COMPOSE : DemoTarget.PROCESS;
    DemoResult result = new Demo(new TextNarrator(narration), options, keep, where).run();
    if (output.json()) {
      out.println(Json.write(result));
    } else {
      out.printf(
          "%nDemo %s in %.1fs.%s%n",
          result.proven() ? "done" : "FAILED",
          result.duration().toMillis() / 1000.0,
          result.workFolder() == null ? "" : " Work folder kept: " + result.workFolder());
    }
    out.flush();
    return result.proven() ? 0 : 1;
  }
}
