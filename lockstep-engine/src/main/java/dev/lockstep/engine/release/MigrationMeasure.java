package dev.lockstep.engine.release;

import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.lint.LintReport;
import dev.lockstep.schema.lint.MigrationLinter;
import dev.lockstep.schema.observe.Observation;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.sql.Connection;

/**
 * Runs one migration on a throwaway database, statement by statement and observed, and measures the
 * class of the schema change it made. {@code release lint --observe} and {@code release import
 * --observe} both measure through it, so that a migration gets the same class from both.
 */
final class MigrationMeasure {
  private MigrationMeasure() {}

  /**
   * @param observation what was seen, with the measured class
   * @param after the schema after it ran: the {@code before} of the next migration
   * @param error PostgreSQL's error for the statement that failed, or null when all of them ran
   */
  record Measured(ScriptObservation observation, SchemaSnapshot after, String error) {
    boolean failed() {
      return error != null;
    }
  }

  /**
   * @param scratch a connection in auto-commit mode to the database the migration is applied to
   * @param before its schema, as read just before
   * @param release the release it is run for, recorded in the observation
   */
  static Measured run(
      MigrationLinter linter,
      Connection scratch,
      String sql,
      SchemaSnapshot before,
      String release) {
    LintReport report = linter.lint(scratch, sql, before);
    SchemaSnapshot after = SchemaReader.read(scratch);
    // The class is the schema change's, whatever the statements looked like: a changed type is
    // contract unless it is a widening the previous release cannot tell from the old type.
    SchemaDiff diff = SchemaDiffer.diff(before, after);
    String error =
        report.observations().stream()
            .filter(Observation::failed)
            .map(Observation::error)
            .findFirst()
            .orElse(null);
    return new Measured(
        new ScriptObservation(
            diff.type(), diff.changes(), report.findings(), error != null, release),
        after,
        error);
  }
}
