package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationResult;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

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
  public String run(RunFacts facts) {
    SchemaRecords schemas = new SchemaRecords(tools.config());
    Path before = schemas.beforeRun(facts.runId());
    if (!Files.isRegularFile(before)) { // a resumed run keeps the schema from before its first try
      schemas.live().write(before);
    }
    MigrationResult result = tools.migrations().migrate(release);
    List<MigrationReport> applied = record(facts, result);
    SchemaSnapshot after = schemas.live();
    after.write(schemas.afterRun(facts.runId()));
    SchemaDiff diff = SchemaDiffer.diff(SchemaSnapshot.read(before), after);
    facts.putJson(RunFacts.SCHEMA_CHANGES, diff.changes());
    refuseUndeclaredContract(applied, diff);
    return (applied.isEmpty()
            ? "no pending migrations"
            : "applied "
                + applied.stream()
                    .map(m -> "V" + m.version() + " " + m.description() + " (" + m.type() + ")")
                    .collect(Collectors.joining(", ")))
        + "; measured: "
        + diff.type().label()
        + " ("
        + diff.changes().size()
        + " schema change"
        + (diff.changes().size() == 1 ? "" : "s")
        + ")";
  }

  private List<MigrationReport> record(RunFacts facts, MigrationResult result) {
    // A resumed run keeps what the interrupted attempt applied.
    List<MigrationReport> applied =
        new ArrayList<>(
            facts
                .json(RunFacts.MIGRATIONS_APPLIED, new TypeReference<List<MigrationReport>>() {})
                .orElse(List.of()));
    for (AppliedMigration migration : result.applied()) {
      applied.add(
          new MigrationReport(migration.version(), migration.description(), classOf(migration)));
    }
    facts.putJson(RunFacts.MIGRATIONS_APPLIED, applied);
    return applied;
  }

  /** The manifest's word is not enough: a contract change it calls expand stops the run here. */
  private void refuseUndeclaredContract(List<MigrationReport> applied, SchemaDiff diff) {
    boolean declaredContract =
        applied.stream().anyMatch(m -> !m.type().equals(MigrationClass.EXPAND.label()));
    if (diff.type() != MigrationClass.CONTRACT || declaredContract || applied.isEmpty()) {
      return;
    }
    throw new LockstepException(
        ErrorCode.MIGRATION_MISCLASSIFIED,
        "Release "
            + release.version()
            + " declares its migrations expand, but the schema change they made is contract: "
            + diff.contractChanges().stream()
                .map(SchemaChange::reason)
                .collect(Collectors.joining("; "))
            + ". Stopping before deploying: the previous release may not run on this schema."
            + " Tell the vendor; the manifest's classes are wrong.");
  }

  private String classOf(AppliedMigration migration) {
    return release
        .migration(migration.version())
        .map(MigrationScript::type)
        .map(MigrationClass::label)
        .orElse("undeclared");
  }
}
