package dev.lockstep.engine.steps;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationResult;
import dev.lockstep.schema.diff.SchemaDiff;
import java.util.List;

/**
 * Applies the release's pending migrations exactly once, under the migration lock, and measures
 * what they changed: the schema is read before and after, and the difference classed. When the
 * release says expand but the database says contract, the run stops before deploying. Before a
 * rolling upgrade's first node it applies only the migrations not held back until after the rollout
 * ({@link MigrateAfterRolloutStep} applies those).
 */
public final class MigrateStep extends AbstractStep {
  public static final String NAME = "migrate";
  private static final String DESCRIPTION = "Apply the database migrations";

  private final Toolbox tools;
  private final ReleaseManifest release;
  private final boolean beforeRollout;

  /** Applies every pending migration, as an upgrade with downtime does. */
  public MigrateStep(Toolbox tools, ReleaseManifest release) {
    this(tools, release, false);
  }

  private MigrateStep(Toolbox tools, ReleaseManifest release, boolean beforeRollout) {
    super(
        NAME,
        beforeRollout && !release.afterRollout().isEmpty()
            ? DESCRIPTION + " the installed release still runs on (the others wait for the rollout)"
            : DESCRIPTION);
    this.tools = tools;
    this.release = release;
    this.beforeRollout = beforeRollout;
  }

  /** Applies the pending migrations a rolling upgrade applies before its first node. */
  public static MigrateStep beforeRollout(Toolbox tools, ReleaseManifest release) {
    return new MigrateStep(tools, release, true);
  }

  @Override
  public boolean appliesMigrations() {
    return true;
  }

  @Override
  public List<MigrationScript> migrationsApplied(List<MigrationScript> pending) {
    return beforeRollout ? pending.stream().filter(m -> !m.afterRollout()).toList() : pending;
  }

  @Override
  public String run(RunFacts facts) {
    SchemaMeasure measure = new SchemaMeasure(tools, release);
    measure.before(facts);
    MigrationResult result =
        beforeRollout
            ? tools.migrations().migrateBeforeRollout(release)
            : tools.migrations().migrate(release);
    facts.putAtStepEnd(RunFacts.MIGRATIONS_TOOK, result.duration().toString());
    List<MigrationReport> applied =
        SchemaMeasure.record(
            facts,
            result.applied().stream()
                .map(m -> new MigrationReport(m.version(), m.description(), classOf(m)))
                .toList());
    SchemaDiff diff =
        measure.after(
            facts,
            applied,
            "Stopping before deploying: the previous release may not run on this schema.");
    return SchemaMeasure.summary(
        applied.stream()
            .map(m -> MigrationScript.label(m.version(), m.description()) + " (" + m.type() + ")")
            .toList(),
        result.duration(),
        diff);
  }

  private String classOf(AppliedMigration migration) {
    return release
        .migration(migration.version())
        .map(MigrationScript::type)
        .map(MigrationClass::label)
        .orElse("undeclared");
  }
}
