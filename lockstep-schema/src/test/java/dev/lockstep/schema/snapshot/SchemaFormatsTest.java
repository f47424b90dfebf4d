package dev.lockstep.schema.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.lockstep.core.api.BadInputException;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.postgres.testing.GoldenFiles;
import dev.lockstep.schema.snapshot.ColumnSnapshot.Identity;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema snapshots in every format version: one written before files had versions (read from a real
 * database by the code of that time, see {@code formats/schema/README.md}) is read as version 1,
 * the writer's output is the committed version-1 file, and a newer version is refused.
 */
class SchemaFormatsTest {
  private static final Path FORMATS = Path.of("src/test/resources/formats/schema");
  private static final Path UNVERSIONED = FORMATS.resolve("unversioned/snapshot.json");
  private static final GoldenFiles GOLDEN = GoldenFiles.in(FORMATS.resolve("v1").toString());

  @TempDir Path dir;

  @Test
  void read_unversionedSnapshot_readsEveryKindOfObject() {
    SchemaSnapshot snapshot = SchemaSnapshot.read(UNVERSIONED);

    assertThat(snapshot.database()).isEqualTo("t_generate_1");
    assertThat(snapshot.origin()).isEqualTo("7715912536247397672/16384");
    assertThat(snapshot.schemas()).containsExactly("billing", "public");
    assertThat(snapshot.tables())
        .extracting(TableSnapshot::qualifiedName)
        .containsExactly(
            "billing.invoices", "billing.invoices_2025", "public.notes", "public.users");
    TableSnapshot notes = snapshot.table("public.notes").orElseThrow();
    assertThat(notes.oid()).isPositive();
    assertThat(notes.rowLevelSecurity()).isTrue();
    assertThat(notes.column("id").orElseThrow().identity()).isEqualTo(Identity.ALWAYS);
    assertThat(notes.column("doubled").orElseThrow().generatedExpression()).isEqualTo("(id * 2)");
    assertThat(notes.constraints())
        .extracting(ConstraintSnapshot::name, ConstraintSnapshot::type)
        .contains(org.assertj.core.groups.Tuple.tuple("notes_pkey", ConstraintType.PRIMARY_KEY));
    assertThat(notes.indexes()).extracting(IndexSnapshot::name).contains("notes_body");
    TriggerSnapshot trigger = notes.triggers().get(0);
    assertThat(trigger.name()).isEqualTo("t_before");
    assertThat(trigger.timing()).isEqualTo(TriggerSnapshot.Timing.BEFORE);
    assertThat(trigger.updateColumns()).containsExactly("body", "status");
    assertThat(notes.policies())
        .singleElement()
        .satisfies(p -> assertThat(p.withCheck()).isEqualTo("(body IS NOT NULL)"));
    assertThat(snapshot.table("billing.invoices_2025").orElseThrow().partitionOf())
        .isEqualTo("billing.invoices");
    assertThat(snapshot.views())
        .extracting(ViewSnapshot::name, ViewSnapshot::materialized)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("note_bodies", false),
            org.assertj.core.groups.Tuple.tuple("note_counts", true));
    assertThat(snapshot.functions())
        .extracting(FunctionSnapshot::name, FunctionSnapshot::raisesErrors)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("refuse", true),
            org.assertj.core.groups.Tuple.tuple("twice", false));
    assertThat(snapshot.enums().get(0).labels()).containsExactly("sad", "ok", "happy");
    assertThat(snapshot.domains().get(0).checks())
        .extracting(ConstraintSnapshot::name)
        .containsExactly("email_has_at");
    assertThat(snapshot.sequences())
        .extracting(SequenceSnapshot::name, SequenceSnapshot::increment)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("invoice_numbers", 5L),
            org.assertj.core.groups.Tuple.tuple("users_id_seq", 1L));
  }

  @Test
  void write_snapshot_isTheVersionOneGoldenAndReadsBackEqual() throws Exception {
    SchemaSnapshot snapshot = SchemaSnapshot.read(UNVERSIONED);
    Path written = dir.resolve("snapshot.json");

    snapshot.write(written);

    GOLDEN.assertMatches("snapshot.json", Files.readString(written));
    assertThat(SchemaSnapshot.read(GOLDEN.file("snapshot.json"))).isEqualTo(snapshot);
    assertThat(Files.readString(GOLDEN.file("snapshot.json")))
        .startsWith("{\n  \"formatVersion\" : 1,\n");
  }

  @Test
  void read_unknownFieldsInAKnownVersion_areIgnored() throws Exception {
    Path file = dir.resolve("snapshot.json");
    Files.writeString(
        file,
        Files.readString(UNVERSIONED)
            .replaceFirst("\\{", "{\"formatVersion\": 1, \"collations\": [],")
            .replace("\"notNull\" :", "\"compression\" : \"lz4\", \"notNull\" :"));

    assertThat(SchemaSnapshot.read(file)).isEqualTo(SchemaSnapshot.read(UNVERSIONED));
  }

  @Test
  void read_fromANewerLockstep_isRefusedNamingTheFileAndBothVersions() throws Exception {
    Path file = dir.resolve("schema.json");
    Files.writeString(
        file, Files.readString(UNVERSIONED).replaceFirst("\\{", "{\"formatVersion\": 2,"));

    assertThatThrownBy(() -> SchemaSnapshot.read(file))
        .isInstanceOfSatisfying(
            BadInputException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(2);
              assertThat(e.errorCode()).isEqualTo(ErrorCode.FORMAT_TOO_NEW);
              assertThat(e.getMessage())
                  .isEqualTo(
                      file
                          + ": formatVersion: this schema snapshot has format version 2, written"
                          + " by a newer Lockstep; this Lockstep reads versions 1 to 1. Fix: use a"
                          + " Lockstep that reads format version 2 (the release that wrote the"
                          + " file, or a later one).");
            });
  }

  @Test
  void write_emptySnapshot_carriesTheVersion() throws Exception {
    Path file = dir.resolve("empty.json");

    SchemaSnapshot.empty("notes").write(file);

    assertThat(Files.readString(file)).contains("\"formatVersion\" : 1");
    assertThat(SchemaSnapshot.read(file)).isEqualTo(SchemaSnapshot.empty("notes"));
  }
}
