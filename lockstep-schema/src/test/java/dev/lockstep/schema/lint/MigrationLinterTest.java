package dev.lockstep.schema.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.postgres.testing.Sql;
import java.sql.Connection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(PostgresExtension.class)
class MigrationLinterTest {

  private static LintReport lint(DatabaseConfig db, String sql) throws Exception {
    Sql.execute(
        db,
        "CREATE TABLE notes (id int PRIMARY KEY, title varchar(50), views int, body text)",
        "INSERT INTO notes SELECT g, 'n' || g, g FROM generate_series(1, 10) g");
    try (Connection scratch = new Database(db).connect()) {
      return new MigrationLinter().lint(scratch, sql);
    }
  }

  @Test
  void lint_confirmsAPredictedRewrite(DatabaseConfig db) throws Exception {
    LintReport report = lint(db, "ALTER TABLE notes ALTER COLUMN views TYPE bigint;");

    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("alter-column-type");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.observed())
                  .startsWith("observed: AccessExclusiveLock on table public.notes")
                  .contains("rewrote public.notes (relfilenode changed)");
            });
    assertThat(report.observations()).hasSize(1);
  }

  @Test
  void lint_typeChangeWithoutRewrite_isPlayedDown(DatabaseConfig db) throws Exception {
    LintReport report = lint(db, "ALTER TABLE notes ALTER COLUMN title TYPE text;");

    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("alter-column-type");
              assertThat(f.severity()).isEqualTo(Severity.INFO);
              assertThat(f.observed()).contains("no rewrite: the new type is binary-compatible");
            });
  }

  @Test
  void lint_whatTheParserCannotRead_isObserved(DatabaseConfig db) throws Exception {
    LintReport report =
        lint(db, "DO $$ BEGIN ALTER TABLE notes ALTER COLUMN id TYPE bigint; END $$;");

    assertThat(report.findings())
        .extracting(LintFinding::rule)
        .containsExactly("unparsed-statement", "observed-table-rewrite", "observed-blocking-lock");
    assertThat(report.findings().get(2).message())
        .startsWith(
            "held AccessExclusiveLock on table public.notes, which blocks writes and reads");
  }

  @Test
  void lint_failingStatement_endsTheObservation(DatabaseConfig db) throws Exception {
    LintReport report =
        lint(
            db,
            "BEGIN;\nALTER TABLE notes ADD COLUMN n int NOT NULL;\nCREATE INDEX ix ON notes (n);\nCOMMIT;");

    assertThat(report.findings())
        .extracting(LintFinding::rule, LintFinding::statementIndex)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("add-column-not-null-without-default", 2),
            org.assertj.core.groups.Tuple.tuple("observed-failure", 2),
            org.assertj.core.groups.Tuple.tuple("create-index-not-concurrently", 3));
    assertThat(report.findings().get(1).message()).contains("contains null values");
    assertThat(report.findings().get(2).observed()).isNull();
    // BEGIN and COMMIT are the runner's business: neither is run, nor the statement after the
    // failure.
    assertThat(report.observations()).hasSize(1);
  }

  @Test
  void lint_knowsWhatTheScratchSchemaAlreadyProves(DatabaseConfig db) throws Exception {
    Sql.execute(
        db,
        "CREATE TABLE notes (id int PRIMARY KEY, title varchar(50), views int, body text)",
        "ALTER TABLE notes ADD CONSTRAINT title_nn CHECK (title IS NOT NULL)");
    try (Connection scratch = new Database(db).connect()) {
      LintReport report =
          new MigrationLinter()
              .lint(
                  scratch,
                  "ALTER TABLE notes ALTER COLUMN title SET NOT NULL;\n"
                      + "ALTER TABLE notes ALTER COLUMN body SET NOT NULL;");

      // The earlier migration's valid check spares the scan of the first; nothing proves the
      // second.
      assertThat(report.findings())
          .extracting(LintFinding::rule, LintFinding::statementIndex)
          .containsExactly(org.assertj.core.groups.Tuple.tuple("set-not-null", 2));
    }
  }

  @Test
  void lint_neverDropsAStaticFinding(DatabaseConfig db) throws Exception {
    String sql =
        "CREATE INDEX ix ON notes (views);\nALTER TABLE notes RENAME COLUMN body TO content;\nVACUUM FULL notes;";
    LintReport observed = lint(db, sql);
    LintReport staticOnly = new SqlLinter().lint(sql);

    assertThat(observed.ruleIds()).containsAll(staticOnly.ruleIds());
    assertThat(observed.findings()).hasSameSizeAs(staticOnly.findings());
  }
}
