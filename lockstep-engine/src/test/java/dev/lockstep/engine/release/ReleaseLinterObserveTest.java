package dev.lockstep.engine.release;

import static dev.lockstep.engine.release.TestReleases.migration;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.ReleaseManifest;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.postgres.testing.PostgresExtension;
import dev.lockstep.schema.lint.LintFinding;
import dev.lockstep.schema.lint.Severity;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code release lint --observe} on the shared test server. */
@ExtendWith(PostgresExtension.class)
class ReleaseLinterObserveTest {
  private static final String EVENTS =
      "CREATE TABLE events (id bigint PRIMARY KEY, at timestamp NOT NULL);\n"
          + "INSERT INTO events SELECT g, now() FROM generate_series(1, 100) g;";
  private static final String TO_TIMESTAMPTZ =
      "ALTER TABLE events ALTER COLUMN at TYPE timestamptz;";

  @TempDir Path releases;
  private final ReleaseLinter linter = new ReleaseLinter(TestServers::refuse);

  private ReleaseLintResult observe(List<ReleaseManifest> manifests, LintTimezone zone, Path out) {
    ThrowawayPostgres server = PostgresExtension.server();
    return linter.observe(manifests, zone, out, server);
  }

  private ReleaseManifest timestamptzRelease() {
    return TestReleases.write(
        releases,
        "2.0.0",
        List.of(
            migration("V1__events.sql", "expand", EVENTS),
            migration("V2__tz.sql", "contract", TO_TIMESTAMPTZ)));
  }

  @Test
  void observe_timestampToTimestamptzUnderTheAssumedZone_rewritesTheTable() {
    ReleaseLintResult result = observe(List.of(timestamptzRelease()), LintTimezone.assumed(), null);

    LintFinding alter = typeChange(result);
    assertThat(result.timezone().zone()).isEqualTo("America/New_York");
    assertThat(result.timezone().source()).isEqualTo(LintTimezone.Source.ASSUMED);
    assertThat(alter.severity()).isEqualTo(Severity.WARNING);
    assertThat(alter.observed()).contains("rewrote public.events");
  }

  @Test
  void observe_timestampToTimestamptzWhenProductionRunsUtc_doesNotRewrite() {
    LintTimezone utc = new LintTimezone("UTC", LintTimezone.Source.PRODUCTION, "shop@db:5432");

    ReleaseLintResult result = observe(List.of(timestamptzRelease()), utc, null);

    LintFinding alter = typeChange(result);
    assertThat(alter.severity()).isEqualTo(Severity.INFO);
    assertThat(alter.observed()).contains("no rewrite").doesNotContain("rewrote");
  }

  private static LintFinding typeChange(ReleaseLintResult result) {
    return result.releases().get(0).migrations().get(1).findings().stream()
        .filter(f -> f.rule().equals("alter-column-type"))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void observe_aFailingMigrationDeclaredContract_isAnErrorAndTheRestIsNotRun() {
    ReleaseManifest release =
        TestReleases.write(
            releases,
            "2.0.0",
            List.of(
                migration("V1__events.sql", "expand", EVENTS),
                migration("V2__broken.sql", "contract", "ALTER TABLE evnts DROP COLUMN at;"),
                migration("V3__after.sql", "expand", "ALTER TABLE events ADD COLUMN kind text;")));

    ReleaseLintResult result = observe(List.of(release), LintTimezone.assumed(), null);

    List<MigrationLint> migrations = result.releases().get(0).migrations();
    assertThat(migrations)
        .extracting(MigrationLint::verdict)
        .containsExactly(LintVerdict.HOLDS, LintVerdict.FAILED, LintVerdict.NOT_RUN);
    assertThat(migrations.get(1).findings())
        .extracting(LintFinding::rule)
        .contains("observed-failure");
    assertThat(result.verdict()).isEqualTo(LintVerdict.FAILED);
    assertThat(result.exitCode()).isEqualTo(1);
    assertThat(result.releases().get(0).observation().ran()).isEqualTo(2);
  }

  @Test
  void observe_whatReadingLeftUndecided_isDecidedByRunningIt() {
    ReleaseManifest release =
        TestReleases.write(
            releases,
            "1.1.0",
            List.of(
                migration("V1__events.sql", "expand", EVENTS),
                migration(
                    "V2__narrow.sql", "expand", "ALTER TABLE events ALTER COLUMN id TYPE int;")));

    ReleaseLintResult result = observe(List.of(release), LintTimezone.assumed(), null);

    MigrationLint narrow = result.releases().get(0).migrations().get(1);
    assertThat(narrow.undecided()).isEmpty();
    assertThat(narrow.verdict()).isEqualTo(LintVerdict.MISCLASSIFIED);
    assertThat(result.exitCode()).isEqualTo(1);
  }

  @Test
  void observe_schemaOut_writesTheSchemaAfterTheRelease() throws Exception {
    Path out = releases.resolve("schema.json");

    ReleaseLintResult result = observe(List.of(timestamptzRelease()), LintTimezone.assumed(), out);

    assertThat(result.releases().get(0).observation().schemaWritten()).isEqualTo(out.toString());
    SchemaSnapshot schema = SchemaSnapshot.read(out);
    assertThat(schema.table("public.events")).isPresent();
    assertThat(Files.readString(out)).contains("timestamp with time zone");
  }

  @Test
  void observe_schemaOutWithSeveralReleases_isRefusedBeforeAnythingRuns() {
    ReleaseManifest older =
        TestReleases.write(releases, "1.0.0", List.of(migration("V1__e.sql", "expand", EVENTS)));
    Path out = releases.resolve("schema.json");

    assertThatThrownBy(
            () ->
                new ReleaseLinter(TestServers::refuse)
                    .observe(List.of(older, timestamptzRelease()), LintTimezone.assumed(), out))
        .isInstanceOf(LockstepException.class)
        .hasMessageContaining("--schema-out")
        .hasMessageContaining("1.0.0, 2.0.0")
        .satisfies(e -> assertThat(((LockstepException) e).errorCode()).isEqualTo(ErrorCode.USAGE));
    assertThat(out).doesNotExist();
  }
}
