package dev.lockstep.cli.output;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.engine.release.LintTimezone;
import dev.lockstep.engine.release.LintVerdict;
import dev.lockstep.engine.release.MigrationLint;
import dev.lockstep.engine.release.ReleaseLintReport;
import dev.lockstep.engine.release.ReleaseLintResult;
import dev.lockstep.engine.release.ReleaseObservation;
import dev.lockstep.postgres.testing.GoldenFiles;
import dev.lockstep.schema.diff.ChangeKind;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.lint.LintFinding;
import dev.lockstep.schema.lint.Severity;
import dev.lockstep.schema.lint.UndecidedStatement;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseLintTextTest {
  private static final GoldenFiles GOLDEN = GoldenFiles.in("src/test/resources/golden");

  private static final MigrationLint CREATE_READ =
      new MigrationLint(
          "V1__orders.sql",
          MigrationClass.EXPAND,
          null,
          MigrationClass.EXPAND,
          LintVerdict.HOLDS,
          List.of(),
          List.of(),
          List.of(),
          null);

  @Test
  void render_readOnlyWithAnUndecidedMigration_matchesGoldenFile() {
    String narrow = "ALTER TABLE orders ALTER COLUMN note TYPE varchar(20)";
    MigrationLint undecided =
        new MigrationLint(
            "V2__narrow_note.sql",
            MigrationClass.EXPAND,
            null,
            null,
            LintVerdict.UNDECIDED,
            List.of(),
            List.of(
                new LintFinding(
                    "alter-column-type",
                    Severity.WARNING,
                    1,
                    2,
                    narrow,
                    "ALTER COLUMN public.orders.note TYPE varchar (20): PostgreSQL may rewrite"
                        + " public.orders.",
                    "Add a column of the new type and backfill it.",
                    null)),
            List.of(
                new UndecidedStatement(
                    1,
                    2,
                    narrow,
                    "ALTER COLUMN public.orders.note TYPE varchar (20): whether the new type is"
                        + " wider or narrower than the column's current one is not in the"
                        + " migration")),
            null);
    ReleaseLintResult result =
        new ReleaseLintResult(
            false,
            null,
            null,
            List.of(
                new ReleaseLintReport(
                    "shop",
                    "1.1.0",
                    false,
                    List.of(CREATE_READ, undecided),
                    LintVerdict.UNDECIDED,
                    null)),
            LintVerdict.UNDECIDED,
            1);

    GOLDEN.assertMatches("release-lint-undecided.txt", ReleaseLintText.render(result));
  }

  @Test
  void render_observedReleasesWithAFailedMigration_matchesGoldenFile() {
    SchemaChange table =
        new SchemaChange(
            ChangeKind.TABLE_ADDED,
            "public.orders",
            MigrationClass.EXPAND,
            "new table public.orders: the previous release does not use it");
    MigrationLint created =
        new MigrationLint(
            "V1__orders.sql",
            MigrationClass.EXPAND,
            MigrationClass.EXPAND,
            null,
            LintVerdict.HOLDS,
            List.of(table),
            List.of(),
            List.of(),
            null);
    MigrationLint reused =
        new MigrationLint(
            "V1__orders.sql",
            MigrationClass.EXPAND,
            MigrationClass.EXPAND,
            null,
            LintVerdict.HOLDS,
            List.of(table),
            List.of(),
            List.of(),
            "1.0.0");
    MigrationLint failed =
        new MigrationLint(
            "V2__drop_note.sql",
            MigrationClass.CONTRACT,
            MigrationClass.EXPAND,
            null,
            LintVerdict.FAILED,
            List.of(),
            List.of(
                new LintFinding(
                    "observed-failure",
                    Severity.ERROR,
                    1,
                    1,
                    "ALTER TABLE ordrs DROP COLUMN note",
                    "failed on the scratch database, which holds the schema it expects: ERROR:"
                        + " relation \"ordrs\" does not exist",
                    "Fix the migration so that it runs on the schema it will meet.",
                    null)),
            List.of(),
            null);
    MigrationLint notRun =
        new MigrationLint(
            "V3__index.sql",
            MigrationClass.EXPAND,
            null,
            null,
            LintVerdict.NOT_RUN,
            List.of(),
            List.of(),
            List.of(),
            null);
    ReleaseLintResult result =
        new ReleaseLintResult(
            true,
            LintTimezone.assumed(),
            2300L,
            List.of(
                new ReleaseLintReport(
                    "shop",
                    "1.0.0",
                    true,
                    List.of(created),
                    LintVerdict.HOLDS,
                    new ReleaseObservation(640, ReleaseObservation.EMPTY, 0, 1, null)),
                new ReleaseLintReport(
                    "shop",
                    "1.1.0",
                    true,
                    List.of(reused, failed, notRun),
                    LintVerdict.FAILED,
                    new ReleaseObservation(310, "1.0.0", 1, 1, null))),
            LintVerdict.FAILED,
            1);

    GOLDEN.assertMatches("release-lint-observed-failed.txt", ReleaseLintText.render(result));
  }
}
