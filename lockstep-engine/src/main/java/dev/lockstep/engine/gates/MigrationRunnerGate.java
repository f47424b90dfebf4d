package dev.lockstep.engine.gates;

import dev.lockstep.core.config.MigrationsConfig;
import dev.lockstep.core.config.TargetConfig;
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
          migrations.command() == null && composeMigrate(context) != null
              ? GateResult.passed(
                  NAME, "the compose target's one-shot service " + composeMigrate(context))
              : migrations.command() == null
                  ? GateResult.invalid(
                      NAME,
                      "release "
                          + context.target().version()
                          + " migrates with the product's own"
                          + " command, but the config has no migrations.command.",
                      "set migrations.command, e.g. docker compose --profile deploy run --rm migrate,"
                          + " or, with the compose target, target.compose.migrate.")
                  : GateResult.passed(NAME, "the product's command: " + migrations.command());
      case STARTUP -> startup(context, migrations);
    };
  }

  /** The compose target's migrate service, or null. */
  private static String composeMigrate(GateContext context) {
    TargetConfig target = context.config().target();
    return target.type() == TargetConfig.TargetType.COMPOSE && target.compose() != null
        ? target.compose().migrate()
        : null;
  }

  private static GateResult startup(GateContext context, MigrationsConfig migrations) {
    if (migrations.startup() != null
        && migrations.startup().log() == null
        && context.config().target().type() != TargetConfig.TargetType.PROCESS) {
      return GateResult.invalid(
          NAME,
          "the product migrates when it starts, but with the command target Lockstep cannot read"
              + " its log without migrations.startup.log.",
          "set migrations.startup.log, e.g. journalctl -u my-service --since -15min --no-pager.");
    }
    if (migrations.startup() == null) {
      return GateResult.invalid(
          NAME,
          "release "
              + context.target().version()
              + " migrates when it starts, but the config has no migrations.startup to watch it.",
          "set migrations.startup: {service, success, failure} (and log for the command target).");
    }
    return GateResult.passed(
        NAME, "the product migrates on start-up; watching " + migrations.startup().service());
  }
}
