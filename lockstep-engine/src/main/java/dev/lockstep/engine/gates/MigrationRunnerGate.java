package dev.lockstep.engine.gates;

import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.plan.GateResult;

/**
 * A release that migrates itself needs the deployment to say how: the migrate command to run, or
 * the service and log lines to watch while it starts.
 */
public final class MigrationRunnerGate implements Gate {
  private static final String NAME = "migration runner";

  @Override
  public GateResult check(GateContext context) {
    MigrationsConfig migrations = context.config().migrations();
    return switch (context.target().runner()) {
      case LOCKSTEP -> GateResult.passed(NAME, "Lockstep applies the SQL migrations (Flyway)");
      case COMMAND ->
          migrations.command() == null
              ? GateResult.invalid(
                  NAME,
                  "release "
                      + context.target().version()
                      + " migrates with the product's own"
                      + " command, but the config has no migrations.command.",
                  "set migrations.command, e.g. docker compose --profile deploy run --rm migrate.")
              : GateResult.passed(NAME, "the product's command: " + migrations.command());
      case STARTUP ->
          migrations.startup() == null
              ? GateResult.invalid(
                  NAME,
                  "release "
                      + context.target().version()
                      + " migrates when it starts, but the"
                      + " config has no migrations.startup to watch it.",
                  "set migrations.startup: {service, success, failure} (and log for the command"
                      + " target).")
              : GateResult.passed(
                  NAME,
                  "the product migrates on start-up; watching " + migrations.startup().service());
    };
  }
}
