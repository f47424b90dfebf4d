package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ConsoleProgress;
import dev.lockstep.cli.output.ConsoleRunListener;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.run.CrashPoints;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every command on a deployment shares: the config and output options, loading the config (all
 * of it validated before anything is touched), and writing text or JSON.
 */
abstract class DeploymentCommand implements Callable<Integer> {
  @Mixin ConfigOption config;
  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    DeploymentConfig loaded = Configs.load(spec, config.file());
    try (Deployment deployment = Deployment.open(loaded, engineOptions())) {
      return run(deployment);
    }
  }

  abstract int run(Deployment deployment);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  /** Prints {@code value} as JSON, or as the text {@code text} renders. */
  void print(Object value, String text) {
    out().println(output.json() ? Json.write(value) : text);
    out().flush();
  }

  private EngineOptions engineOptions() {
    return new EngineOptions(
        new ConsoleRunListener(err()),
        new ConsoleProgress(err()),
        Clock.systemUTC(),
        CrashPoints.fromEnvironment());
  }
}
