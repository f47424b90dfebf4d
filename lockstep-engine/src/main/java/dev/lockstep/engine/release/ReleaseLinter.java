package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationScript;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.lint.LintReport;
import dev.lockstep.schema.lint.MigrationLinter;
import dev.lockstep.schema.lint.SqlLinter;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Lints a release's SQL migrations for the vendor who writes them. Read only, it flags statements
 * that take long exclusive locks, rewrite tables or break the previous release. Observed, it also
 * runs every migration in order on a throwaway PostgreSQL, measures the class of each one's schema
 * change, and catches a manifest that calls a breaking migration expand.
 */
public final class ReleaseLinter {

  /** Reads each migration's SQL and lints it, without running it. */
  public ReleaseLintReport lint(ReleaseManifest release) {
    List<MigrationLint> migrations = new ArrayList<>();
    SqlLinter linter = new SqlLinter();
    for (MigrationScript script : scripts(release)) {
      LintReport report = linter.lint(read(script));
      migrations.add(
          new MigrationLint(name(script), script.type(), null, List.of(), report.findings()));
    }
    return new ReleaseLintReport(
        release.product(), release.version().toString(), false, migrations);
  }

  /**
   * Runs every migration, in order, on a throwaway server, observing locks and rewrites and
   * measuring each schema change; {@code schemaOut}, if given, receives the final schema.
   */
  public ReleaseLintReport observe(ReleaseManifest release, Path schemaOut) {
    List<MigrationLint> migrations = new ArrayList<>();
    try (ThrowawayPostgres server = ThrowawayPostgres.start()) {
      server.createDatabase("lint");
      try (Connection scratch = new Database(server.database("lint")).connect()) {
        MigrationLinter linter = new MigrationLinter();
        for (MigrationScript script : scripts(release)) {
          SchemaSnapshot before = SchemaReader.read(scratch);
          LintReport report = linter.lint(scratch, read(script), before);
          SchemaDiff diff = SchemaDiffer.diff(before, SchemaReader.read(scratch));
          migrations.add(
              new MigrationLint(
                  name(script), script.type(), diff.type(), diff.changes(), report.findings()));
        }
        if (schemaOut != null) {
          SchemaReader.read(scratch).write(schemaOut);
        }
      }
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL, "The throwaway server for linting failed: " + e.getMessage(), e);
    }
    return new ReleaseLintReport(release.product(), release.version().toString(), true, migrations);
  }

  private static List<MigrationScript> scripts(ReleaseManifest release) {
    List<MigrationScript> scripts =
        release.migrations().stream().filter(s -> s.file() != null).toList();
    if (scripts.isEmpty() && !release.migrations().isEmpty()) {
      throw new LockstepException(
          ErrorCode.NOTHING_TO_DO,
          "Release "
              + release.version()
              + " migrates itself ("
              + release.runner().name().toLowerCase(java.util.Locale.ROOT)
              + "): it ships no SQL files for Lockstep to lint. Lint them with the product's own tooling.");
    }
    return scripts;
  }

  private static String read(MigrationScript script) {
    try {
      return Files.readString(script.file());
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.MANIFEST_INVALID,
          "Cannot read migration " + script.file() + ": " + e.getMessage(),
          e);
    }
  }

  private static String name(MigrationScript script) {
    return script.file().getFileName().toString();
  }
}
