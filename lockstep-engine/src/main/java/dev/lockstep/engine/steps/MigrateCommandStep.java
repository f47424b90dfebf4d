package dev.lockstep.engine.steps;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.Placeholders;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.core.secrets.SecretRegistry;
import dev.lockstep.core.yaml.Durations;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.targets.OutputTail;
import dev.lockstep.targets.compose.ComposeTarget;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the product's own migrate command ({@code migrations.command}, e.g. a one-shot migrate
 * container) while the services are down, as the Docker Compose guide runs its migrate service
 * before the app services. The product's history table, not the command's exit code alone, says
 * what was applied: the step fails on a non-zero exit, on a dirty history, or when a migration the
 * release declares is still pending. The schema is measured around it as for Lockstep's own runner.
 * When the history table already has every migration the release declares, the command is not run
 * at all, and the step says so.
 *
 * <p>The command finds the database in {@code PGHOST}, {@code PGPORT}, {@code PGDATABASE}, {@code
 * PGUSER} and a temporary {@code PGPASSFILE}; its output goes to {@code
 * <stateDir>/logs/migrate.log}.
 */
public final class MigrateCommandStep extends AbstractStep {
  private static final String DESCRIPTION = "Run the product's migrate command";
  private static final int TAIL_LINES = 20;

  private final Toolbox tools;
  private final ReleaseManifest release;

  public MigrateCommandStep(Toolbox tools, ReleaseManifest release) {
    // Named like Lockstep's own migrate step: it holds the same place in the checklist.
    super(MigrateStep.NAME, DESCRIPTION);
    this.tools = tools;
    this.release = release;
  }

  @Override
  public boolean appliesMigrations() {
    return true;
  }

  @Override
  public String run(RunFacts facts) {
    String template = tools.config().migrations().command();
    Optional<ComposeTarget> compose = composeMigrate();
    if ((template == null || template.isBlank()) && compose.isEmpty()) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "Release "
              + release.version()
              + " migrates with the product's own command, but the config has no"
              + " migrations.command. Set it, e.g. docker compose --profile deploy run --rm"
              + " migrate, or, with the compose target, target.compose.migrate.");
    }
    ProductMigrations product = new ProductMigrations(tools, release);
    SchemaMeasure measure = new SchemaMeasure(tools, release);
    measure.before(facts);
    MigrationHistory now = product.read();
    product.markBefore(facts, now);
    if (!ProductMigrations.isDirty(now) && product.pending(now).isEmpty()) {
      // Nothing to do for the command; starting it (a container, a runtime) would only add to the
      // downtime. A resumed run whose command finished lands here too.
      List<MigrationReport> applied = product.recordApplied(facts, now);
      SchemaDiff diff =
          measure.after(
              facts,
              applied,
              "Stopping before deploying: the previous release may not run on this schema.");
      return "migrate command not run: the "
          + ProductMigrations.where(now)
          + " has every migration of "
          + release.version()
          + " applied; "
          + SchemaMeasure.summary(applied.stream().map(ProductMigrations::label).toList(), diff);
    }
    String command =
        compose.isPresent()
            ? String.join(" ", compose.get().command().argv(compose.get().migrateVerb("…")))
            : Placeholders.render(template, Map.of("version", release.version().toString()));
    ProcessResult result =
        compose.isPresent()
            ? compose.get().migrate(release, tools.config().migrations().deadline(), logFile())
            : run(command);
    facts.putAtStepEnd(RunFacts.MIGRATIONS_TOOK, result.took().toString());
    MigrationHistory after = product.read();
    List<MigrationReport> applied = product.recordApplied(facts, after);
    if (!result.succeeded()) {
      throw failed(command, result, product, after, applied);
    }
    if (ProductMigrations.isDirty(after)) {
      throw new LockstepException(
          ErrorCode.MIGRATION_FAILED,
          "The migrate command of "
              + release.version()
              + " exited 0 but left the "
              + ProductMigrations.where(after)
              + " dirty: "
              + ProductMigrations.dirty(after));
    }
    List<String> pending = product.pending(after);
    if (!pending.isEmpty()) {
      throw new LockstepException(
          ErrorCode.MIGRATION_FAILED,
          "The migrate command of "
              + release.version()
              + " exited 0, but the "
              + ProductMigrations.where(after)
              + " does not have "
              + String.join(", ", pending)
              + ", which the release declares. Check that migrations.command migrates this"
              + " database (it gets PGHOST, PGPORT, PGDATABASE and PGUSER) and that the"
              + " manifest's history table is the one the product writes; its output is in "
              + logFile()
              + ".");
    }
    SchemaDiff diff =
        measure.after(
            facts,
            applied,
            "Stopping before deploying: the previous release may not run on this schema.");
    return SchemaMeasure.summary(
        applied.stream().map(ProductMigrations::label).toList(), result.took(), diff);
  }

  /**
   * The compose target when it runs the migrate service: {@code target.compose.migrate} is set and
   * {@code migrations.command} is not (a command, when given, is the operator's explicit choice).
   */
  private Optional<ComposeTarget> composeMigrate() {
    String command = tools.config().migrations().command();
    if (command != null && !command.isBlank()) {
      return Optional.empty();
    }
    if (tools.target() instanceof ComposeTarget compose
        && tools.config().target().compose() != null
        && tools.config().target().compose().migrate() != null) {
      return Optional.of(compose);
    }
    return Optional.empty();
  }

  /** The database comes with every product command: PGHOST… and a temporary PGPASSFILE. */
  private ProcessResult run(String command) {
    return ProductCommand.runner(tools.config(), logFile())
        .run(
            "migrate " + release.version(),
            command,
            Map.of("LOCKSTEP_RELEASE", release.version().toString()),
            tools.config().migrations().deadline(),
            TAIL_LINES);
  }

  private LockstepException failed(
      String command,
      ProcessResult result,
      ProductMigrations product,
      MigrationHistory after,
      List<MigrationReport> applied) {
    String what =
        result.timedOut()
            ? "was still running after "
                + Durations.format(tools.config().migrations().deadline())
                + " (migrations.deadline) and was killed"
            : "failed with exit code " + result.exitCode();
    String dirty = ProductMigrations.dirty(after);
    return new LockstepException(
        ErrorCode.MIGRATION_FAILED,
        "The migrate command of "
            + release.version()
            + " "
            + what
            + ": "
            + SecretRegistry.of(tools.config()).redact(command)
            + "\n"
            + OutputTail.describe(result.lastOutput())
            + "\n"
            + product.outcome(applied, after)
            + (dirty.isEmpty() ? "" : "\n" + dirty)
            + "\nThe full output is in "
            + logFile()
            + ".");
  }

  private Path logFile() {
    return tools.config().logsDir().resolve("migrate.log");
  }
}
