package dev.lockstep.cli.commands;

import dev.lockstep.cli.output.ConsoleProgress;
import dev.lockstep.cli.output.ConsoleRunListener;
import dev.lockstep.core.config.DeploymentConfig;
import dev.lockstep.core.config.SecretlessConfig;
import dev.lockstep.core.config.UnsetSecret;
import dev.lockstep.core.io.Json;
import dev.lockstep.engine.Deployment;
import dev.lockstep.engine.EngineOptions;
import dev.lockstep.engine.run.CrashPoints;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
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

  /** What a command that only reads could not load: the secrets whose variables are not set. */
  private List<UnsetSecret> unset = List.of();

  @Override
  public final Integer call() {
    DeploymentConfig loaded;
    if (readsOnly()) {
      SecretlessConfig secretless = Configs.loadWithoutSecrets(spec, config.file());
      loaded = secretless.config();
      unset = secretless.unset();
      unset.forEach(secret -> err().println("lockstep: " + notChecked(secret)));
    } else {
      loaded = Configs.load(spec, config.file());
    }
    try (Deployment deployment = Deployment.open(loaded, engineOptions())) {
      return run(deployment);
    }
  }

  abstract int run(Deployment deployment);

  /**
   * Whether the command only reads (the journal, the backups folder, the targets): then it runs
   * without the secrets it does not need, saying what it could not check without them.
   */
  boolean readsOnly() {
    return false;
  }

  /** Why the product's database cannot be read by this command, or null when it can. */
  String databaseNotChecked() {
    return unset.stream()
        .filter(secret -> secret.field().equals("database.password"))
        .map(DeploymentCommand::notChecked)
        .findFirst()
        .orElse(null);
  }

  private static String notChecked(UnsetSecret secret) {
    String what = secret.field().equals("database.password") ? "database" : secret.field();
    return what + " not checked: " + secret.describe();
  }

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

  EngineOptions engineOptions() {
    return new EngineOptions(
        new ConsoleRunListener(err()),
        new ConsoleProgress(err()),
        Clock.systemUTC(),
        CrashPoints.fromEnvironment());
  }
}
