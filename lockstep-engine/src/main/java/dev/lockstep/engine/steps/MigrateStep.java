package dev.lockstep.engine.steps;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.core.report.MigrationReport;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/** Applies the release's pending migrations exactly once, under the migration lock. */
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
    MigrationResult result = tools.migrations().migrate(release);
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
    if (result.applied().isEmpty()) {
      return "no pending migrations";
    }
    return "applied "
        + result.applied().stream()
            .map(m -> "V" + m.version() + " " + m.description() + " (" + classOf(m) + ")")
            .collect(Collectors.joining(", "));
  }

  private String classOf(AppliedMigration migration) {
    return release
        .migration(migration.version())
        .map(MigrationScript::type)
        .map(type -> type.label())
        .orElse("undeclared");
  }
}
