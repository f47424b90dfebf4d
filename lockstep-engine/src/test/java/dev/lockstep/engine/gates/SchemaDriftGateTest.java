package dev.lockstep.engine.gates;

import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.config.DriftConfig;
import dev.lockstep.core.plan.GateResult;
import dev.lockstep.engine.api.UpgradeOptions;
import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drift judged from the schemas the probe read; a release's shipped snapshot is a real file. */
class SchemaDriftGateTest {
  private static final String NAME = "no schema drift";
  private static final SchemaSnapshot NOTES = schema(column(1, "id", "bigint"));
  private static final SchemaSnapshot NOTES_WITH_TAGS =
      schema(column(1, "id", "bigint"), column(2, "tags", "text"));
  private static final String TAGS_ADDED =
      "new column public.notes.tags (text) is nullable: the previous release can ignore it";

  @TempDir Path dir;
  private GateFixture fixture;
  private Path recordedFile;

  @BeforeEach
  void ready() {
    fixture = new GateFixture(dir);
    recordedFile = dir.resolve("state/schemas/current.json");
  }

  @AfterEach
  void close() {
    fixture.close();
  }

  @Test
  void check_nothingRecordedAndNothingShipped_passes() {
    probe(new SchemaLook(NOTES, null, recordedFile, null));

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "no schema recorded yet; this run records one"));
  }

  @Test
  void check_liveSchemaAsTheLastRunLeftIt_passes() {
    probe(new SchemaLook(NOTES, NOTES, recordedFile, null));

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                NAME, "the schema is the schema the last run left (" + recordedFile + ")"));
  }

  @Test
  void check_columnAddedByHandSinceTheLastRun_blocksNamingIt() {
    probe(new SchemaLook(NOTES_WITH_TAGS, NOTES, recordedFile, null));

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "the live schema differs from the schema the last run left ("
                    + recordedFile
                    + "): "
                    + TAGS_ADDED
                    + ".",
                "find out who changed it (`lockstep drift` lists the differences); put it back,"
                    + " or pass --allow-drift if the change is intended; a product that changes"
                    + " its own schema while it runs needs a drift scope in the config"
                    + " (drift.ignore, drift.scope)."));
  }

  @Test
  void check_columnAddedToAnIgnoredTable_passesSayingWhatWasLeftAlone() {
    probe(new SchemaLook(NOTES_WITH_TAGS, NOTES, recordedFile, null));
    fixture.drift = new DriftConfig(List.of("public.note*"), DriftConfig.Scope.ALL);

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                NAME,
                "the schema is the schema the last run left ("
                    + recordedFile
                    + "); drift scope: ignoring public.note*, 1 left alone"));
  }

  @Test
  void check_ownedScope_leavesAddedObjectsAloneButNotChangesToOwnedOnes() {
    fixture.drift = new DriftConfig(List.of(), DriftConfig.Scope.OWNED);
    probe(new SchemaLook(NOTES_WITH_TAGS, NOTES, recordedFile, null));

    assertThat(fixture.check(new SchemaDriftGate()).blocked()).isFalse();

    probe(new SchemaLook(NOTES, NOTES_WITH_TAGS, recordedFile, null));
    GateResult dropped = fixture.check(new SchemaDriftGate());

    assertThat(dropped.blocked()).isTrue();
    assertThat(dropped.message())
        .contains("public.notes.tags")
        .endsWith("; drift scope: only objects the reference schema has.");
  }

  @Test
  void check_driftAllowedByTheOperator_passesNamingTheDrift() {
    probe(new SchemaLook(NOTES_WITH_TAGS, NOTES, recordedFile, null));
    fixture.options = new UpgradeOptions(null, true, false);

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(GateResult.passed(NAME, "drift allowed by the operator: " + TAGS_ADDED));
  }

  @Test
  void check_nothingRecordedAndLiveAsTheInstalledReleaseShipsIt_passes() {
    Path shipped = ships(NOTES);
    probe(new SchemaLook(NOTES, null, recordedFile, null));

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(
            GateResult.passed(
                NAME, "the schema is the schema release 1.0.0 ships (" + shipped + ")"));
  }

  @Test
  void check_nothingRecordedAndLiveDiffersFromTheInstalledRelease_blocks() {
    Path shipped = ships(NOTES);
    probe(new SchemaLook(NOTES_WITH_TAGS, null, recordedFile, null));

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result.blocked()).isTrue();
    assertThat(result.message())
        .isEqualTo(
            "the live schema differs from the schema release 1.0.0 ships ("
                + shipped
                + "): "
                + TAGS_ADDED
                + ".");
  }

  @Test
  void check_schemaUnreadable_blocksWithWhyAndTheFix() {
    probe(new SchemaLook(null, NOTES, recordedFile, "Could not read the schema of app: denied."));

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME,
                "cannot read the schema: Could not read the schema of app: denied.",
                "check that Lockstep's database user may read the database's catalog."));
  }

  @Test
  void check_databaseUnreachable_blocks() {
    fixture.database = DatabaseProbe.unreachable("connection refused");

    GateResult result = fixture.check(new SchemaDriftGate());

    assertThat(result)
        .isEqualTo(
            GateResult.blocked(
                NAME, "cannot read the schema: the database is not reachable.", null));
  }

  private void probe(SchemaLook schema) {
    fixture.database =
        new DatabaseProbe(null, "15.4", 0, List.of("1"), HistoryTables.none(), schema);
  }

  /** The installed release ships {@code schema} as its snapshot file. */
  private Path ships(SchemaSnapshot schema) {
    Path file = dir.resolve("releases/1.0.0/schema.json");
    schema.write(file);
    fixture.previous = GateFixture.withSchemaFile(fixture.previous, file);
    return file;
  }

  private static SchemaSnapshot schema(ColumnSnapshot... columns) {
    TableSnapshot notes =
        new TableSnapshot(
            16384,
            "public",
            "notes",
            false,
            null,
            null,
            null,
            false,
            false,
            List.of(columns),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    return new SchemaSnapshot(
        "app",
        "test",
        List.of("public"),
        List.of(notes),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  private static ColumnSnapshot column(int attnum, String name, String type) {
    return new ColumnSnapshot(attnum, name, type, false, null, null, null);
  }
}
