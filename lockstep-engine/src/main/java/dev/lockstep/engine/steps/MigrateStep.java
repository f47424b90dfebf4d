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
 * release says expand but the database says contract, the run stops before deploying.
 */
public final class MigrateStep extends AbstractStep {
  public static final String NAME = "migrate";
  private static final String DESCRIPTION = "Apply the database migrations";

  private final Toolbox tools;
  private final ReleaseManifest release;

  public MigrateStep(Toolbox tools, ReleaseManifest release) {
    super(NAME, DESCRIPTION);
    this.tools = tools;
    this.release = release;
  }

  @Override
  public boolean appliesMigrations() {
    return true;
  }

  @Override
  public String run(RunFacts facts) {
    SchemaMeasure measure = new SchemaMeasure(tools, release);
    measure.before(facts);
    MigrationResult result = tools.migrations().migrate(release);
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
