package dev.lockstep.schema.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SqlLinterTest {
  private final SqlLinter linter = new SqlLinter();

  private List<String> rules(String sql) {
    return List.copyOf(linter.lint(sql).ruleIds());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE INDEX ix ON notes (a)                                        | create-index-not-concurrently",
        "CREATE UNIQUE INDEX ix ON notes (a)                                 | create-index-not-concurrently",
        "DROP INDEX ix                                                       | drop-index-not-concurrently",
        "REINDEX INDEX ix                                                    | reindex-not-concurrently",
        "ALTER TABLE notes ALTER COLUMN a TYPE bigint                        | alter-column-type",
        "ALTER TABLE notes ALTER a SET DATA TYPE text USING a::text          | alter-column-type",
        "ALTER TABLE notes ADD COLUMN t uuid DEFAULT gen_random_uuid()       | add-column-volatile-default",
        "ALTER TABLE notes ADD COLUMN r float8 DEFAULT random() * 10         | add-column-volatile-default",
        "ALTER TABLE notes ADD COLUMN n bigserial                            | add-column-volatile-default",
        "ALTER TABLE notes ADD COLUMN n int GENERATED ALWAYS AS (a + 1) STORED | add-column-volatile-default",
        "ALTER TABLE notes ADD COLUMN n int NOT NULL                         | add-column-not-null-without-default",
        "ALTER TABLE notes ALTER COLUMN a SET NOT NULL                       | set-not-null",
        "ALTER TABLE notes ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) | add-foreign-key-without-not-valid",
        "ALTER TABLE notes ADD FOREIGN KEY (a) REFERENCES u (id)             | add-foreign-key-without-not-valid",
        "ALTER TABLE notes ADD CONSTRAINT c CHECK (a > 0)                    | add-check-without-not-valid",
        "ALTER TABLE notes ADD CHECK (a > 0)                                 | add-check-without-not-valid",
        "ALTER TABLE notes ADD CONSTRAINT u UNIQUE (a)                       | add-unique-without-using-index",
        "ALTER TABLE notes ADD PRIMARY KEY (id)                              | add-unique-without-using-index",
        "ALTER TABLE notes ADD COLUMN h text UNIQUE                          | add-unique-without-using-index",
        "DROP TABLE notes                                                    | drop-table",
        "ALTER TABLE notes DROP COLUMN a                                     | drop-column",
        "DROP VIEW v                                                         | drop-object",
        "DROP TYPE mood                                                      | drop-object",
        "ALTER TABLE notes RENAME TO memos                                   | rename-table",
        "ALTER TABLE notes SET SCHEMA archive                                | rename-table",
        "ALTER TABLE notes RENAME COLUMN a TO b                              | rename-column",
        "ALTER VIEW v RENAME TO w                                            | rename-object",
        "ALTER TYPE mood RENAME VALUE 'sad' TO 'blue'                        | rename-object",
        "VACUUM FULL notes                                                   | vacuum-full",
        "CLUSTER notes USING notes_pkey                                      | cluster",
        "LOCK TABLE notes IN SHARE MODE                                      | lock-table",
        "DO $$ BEGIN END $$                                                  | unparsed-statement",
        "ALTER TABLE settings RENAME COLUMN key TO name                      | rename-column",
        "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%')   | add-check-without-not-valid",
        "ALTER DOMAIN email ADD CHECK (VALUE <> '')                          | add-check-without-not-valid",
        "ALTER DOMAIN email SET NOT NULL                                     | set-not-null",
        "ALTER DOMAIN email RENAME TO mail                                   | rename-object",
        "DROP POLICY notes_admin ON notes                                    | drop-object",
      })
  void lint_flagsTheStatement(String sql, String rule) {
    assertThat(rules(sql)).containsExactly(rule);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CREATE INDEX CONCURRENTLY ix ON notes (a)",
        "DROP INDEX CONCURRENTLY ix",
        "REINDEX TABLE CONCURRENTLY notes",
        "ALTER TABLE notes ADD COLUMN a text",
        "ALTER TABLE notes ADD COLUMN a timestamptz NOT NULL DEFAULT now()",
        "ALTER TABLE notes ADD COLUMN a int NOT NULL DEFAULT 0",
        "ALTER TABLE notes ADD COLUMN a bigint REFERENCES users (id)",
        "ALTER TABLE notes ALTER COLUMN a DROP NOT NULL",
        "ALTER TABLE notes ALTER COLUMN a SET DEFAULT random()",
        "ALTER TABLE notes ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id) NOT VALID",
        "ALTER TABLE notes ADD CONSTRAINT c CHECK (a > 0) NOT VALID",
        "ALTER TABLE notes VALIDATE CONSTRAINT c",
        "ALTER TABLE notes ADD CONSTRAINT u UNIQUE USING INDEX ix",
        "ALTER TABLE notes DROP CONSTRAINT c",
        "LOCK TABLE notes IN ROW EXCLUSIVE MODE",
        "VACUUM notes",
        "ALTER TYPE mood ADD VALUE 'happy'",
        "BEGIN",
        "SET lock_timeout TO '5s'",
        "COMMENT ON TABLE notes IS 'x'",
        "ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%') NOT VALID",
        "CREATE DOMAIN email AS text",
        "UPDATE notes SET a = 1 WHERE a IS NULL",
      })
  void lint_acceptsTheStatement(String sql) {
    assertThat(rules(sql)).isEmpty();
  }

  @Test
  void lint_tableCreatedInTheScript_isFreeToChange() {
    String sql =
        """
        CREATE TABLE drafts (id bigint, body varchar(10));
        CREATE INDEX drafts_body ON drafts (body);
        ALTER TABLE drafts ALTER COLUMN body TYPE text, ADD CONSTRAINT pk PRIMARY KEY (id);
        ALTER TABLE drafts RENAME TO sketches;
        ALTER TABLE sketches DROP COLUMN body;
        DROP TABLE sketches;
        """;

    assertThat(rules(sql)).isEmpty();
  }

  @Test
  void lint_setNotNullAfterAValidatedCheck_isNotFlagged() {
    String sql =
        """
        ALTER TABLE notes ADD CONSTRAINT body_nn CHECK (body IS NOT NULL) NOT VALID;
        ALTER TABLE notes VALIDATE CONSTRAINT body_nn;
        ALTER TABLE notes ALTER COLUMN body SET NOT NULL;
        ALTER TABLE notes ALTER COLUMN title SET NOT NULL;
        """;

    LintReport report = linter.lint(sql);

    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("set-not-null");
              assertThat(f.statementIndex()).isEqualTo(4);
              assertThat(f.message()).contains("public.notes.title");
            });
  }

  @Test
  void lint_setNotNullOnAColumnTheSchemaAlreadyProvesNotNull_isNotFlagged() {
    TableSnapshot notes =
        new TableSnapshot(
            100,
            "public",
            "notes",
            false,
            null,
            null,
            null,
            false,
            false,
            List.of(
                ColumnSnapshot.of(1, "id", "bigint", true),
                ColumnSnapshot.of(2, "body", "text", false),
                ColumnSnapshot.of(3, "title", "text", false),
                ColumnSnapshot.of(4, "summary", "text", false)),
            List.of(
                check(200, "body_nn", "CHECK ((body IS NOT NULL))", true),
                check(201, "title_nn", "CHECK ((title IS NOT NULL)) NOT VALID", false),
                check(202, "both_nn", "CHECK (((summary IS NOT NULL) AND (id > 0)))", true)),
            List.of(),
            List.of(),
            List.of());
    SchemaSnapshot before =
        new SchemaSnapshot(
            "app",
            "",
            List.of("public"),
            List.of(notes),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    String sql =
        """
        ALTER TABLE notes ALTER COLUMN body SET NOT NULL;
        ALTER TABLE notes ALTER COLUMN title SET NOT NULL;
        ALTER TABLE notes ALTER COLUMN summary SET NOT NULL;
        ALTER TABLE notes ALTER COLUMN id SET NOT NULL;
        """;

    LintReport withSchema = linter.lint(sql, before);
    LintReport withoutSchema = linter.lint(sql);

    // Only the check that is not yet valid proves nothing.
    assertThat(withSchema.findings())
        .extracting(LintFinding::rule, LintFinding::statementIndex)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("set-not-null", 2));
    assertThat(withoutSchema.findings()).hasSize(4);
  }

  private static ConstraintSnapshot check(
      long oid, String name, String definition, boolean validated) {
    return new ConstraintSnapshot(
        oid, name, ConstraintType.CHECK, List.of(), definition, validated, null);
  }

  @Test
  void lint_columnOfADomainThatRefusesNullWithoutDefault_isLikeANotNullColumn() {
    String sql =
        """
        CREATE DOMAIN priority AS smallint NOT NULL CHECK (VALUE BETWEEN 0 AND 5);
        CREATE DOMAIN rank AS smallint DEFAULT 0 NOT NULL;
        ALTER TABLE notes ADD COLUMN priority priority;
        ALTER TABLE notes ADD COLUMN rank rank;
        """;

    assertThat(linter.lint(sql).findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("add-column-not-null-without-default");
              assertThat(f.message())
                  .startsWith(
                      "ADD COLUMN public.notes.priority of domain public.priority, which refuses"
                          + " NULL and has no default, fails");
            });
  }

  @Test
  void lint_dropOfAnObjectOfATable_namesItWithItsTable() {
    assertThat(linter.lint("DROP POLICY notes_admin ON notes").findings().get(0).message())
        .isEqualTo(
            "DROP POLICY notes_admin ON public.notes: the previous release may still use it.");
  }

  @Test
  void lint_domainCheck_explainsTheDomainsOwnLocks() {
    LintReport report =
        linter.lint("ALTER DOMAIN email ADD CONSTRAINT has_at CHECK (VALUE LIKE '%@%')");

    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.message()).contains("SHARE lock on each of those tables");
              assertThat(f.saferAlternative()).startsWith("ALTER DOMAIN … ADD CONSTRAINT");
            });
  }

  @Test
  void lint_finding_saysWhereWhatWhyAndTheSaferWay() {
    LintReport report = linter.lint("SELECT 1;\n\nCREATE INDEX notes_user ON notes (user_id);\n");

    assertThat(report.statements()).isEqualTo(2);
    assertThat(report.findings())
        .singleElement()
        .satisfies(
            f -> {
              assertThat(f.rule()).isEqualTo("create-index-not-concurrently");
              assertThat(f.severity()).isEqualTo(Severity.WARNING);
              assertThat(f.statementIndex()).isEqualTo(2);
              assertThat(f.line()).isEqualTo(3);
              assertThat(f.statement()).isEqualTo("CREATE INDEX notes_user ON notes (user_id)");
              assertThat(f.message())
                  .contains("SHARE lock on public.notes")
                  .contains("every insert, update and delete waits");
              assertThat(f.saferAlternative()).startsWith("CREATE INDEX CONCURRENTLY");
              assertThat(f.observed()).isNull();
            });
  }

  @Test
  void lint_breakingChanges_areErrors() {
    LintReport report = linter.lint("ALTER TABLE notes RENAME COLUMN body TO content");

    assertThat(report.hasErrors()).isTrue();
    assertThat(report.findings().get(0).message())
        .isEqualTo(
            "RENAME COLUMN public.notes.body TO content: the previous release still uses the name body, and its queries fail the moment this runs.");
  }

  @Test
  void lint_unparsedStatement_isReportedAndTheRestStillLinted() {
    LintReport report =
        linter.lint(
            "CREATE TRIGGER t BEFORE UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION f();\nDROP TABLE notes;");

    assertThat(report.findings())
        .extracting(LintFinding::rule)
        .containsExactly("unparsed-statement", "drop-table");
    assertThat(report.findings().get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(report.findings().get(0).message()).startsWith("could not be parsed (");
  }

  @Test
  void lintRules_haveUniqueStableIds() {
    assertThat(java.util.Arrays.stream(LintRule.values()).map(LintRule::id))
        .doesNotHaveDuplicates()
        .allMatch(id -> id.matches("[a-z]+(-[a-z]+)*"));
  }
}
