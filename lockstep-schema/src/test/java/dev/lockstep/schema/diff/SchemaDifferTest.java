package dev.lockstep.schema.diff;

import static dev.lockstep.schema.diff.Snapshots.column;
import static dev.lockstep.schema.diff.Snapshots.constraint;
import static dev.lockstep.schema.diff.Snapshots.enumType;
import static dev.lockstep.schema.diff.Snapshots.foreignKey;
import static dev.lockstep.schema.diff.Snapshots.fromOtherDatabase;
import static dev.lockstep.schema.diff.Snapshots.function;
import static dev.lockstep.schema.diff.Snapshots.index;
import static dev.lockstep.schema.diff.Snapshots.partitionOf;
import static dev.lockstep.schema.diff.Snapshots.renamed;
import static dev.lockstep.schema.diff.Snapshots.required;
import static dev.lockstep.schema.diff.Snapshots.schema;
import static dev.lockstep.schema.diff.Snapshots.sequence;
import static dev.lockstep.schema.diff.Snapshots.table;
import static dev.lockstep.schema.diff.Snapshots.view;
import static dev.lockstep.schema.diff.Snapshots.withConstraints;
import static dev.lockstep.schema.diff.Snapshots.withIndexes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.lockstep.core.io.Json;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.ColumnSnapshot.Identity;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import dev.lockstep.schema.snapshot.ViewSnapshot.ViewColumn;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaDifferTest {
  private static final TableSnapshot NOTES =
      table(100, "notes", required(1, "id", "bigint"), column(2, "body", "text"));

  @Test
  void diff_sameSnapshot_isAnEmptyExpand() {
    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(NOTES)));

    assertThat(diff.changes()).isEmpty();
    assertThat(diff.type()).isEqualTo(MigrationClass.EXPAND);
    assertThat(diff.hasChanges()).isFalse();
  }

  @Test
  void diff_columnWithSamePositionAndNewName_isARename() {
    TableSnapshot after =
        table(100, "notes", required(1, "id", "bigint"), column(2, "content", "text"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(after)));

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.kind()).isEqualTo(ChangeKind.COLUMN_RENAMED);
              assertThat(change.object()).isEqualTo("public.notes.body");
              assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
              assertThat(change.reason())
                  .isEqualTo(
                      "column public.notes.body was renamed to content: the previous release still uses the name body");
            });
    assertThat(diff.type()).isEqualTo(MigrationClass.CONTRACT);
  }

  @Test
  void diff_columnDroppedAndAnotherAdded_isNotARename() {
    TableSnapshot after =
        table(100, "notes", required(1, "id", "bigint"), column(3, "content", "text"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(after)));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.COLUMN_DROPPED, ChangeKind.COLUMN_ADDED);
  }

  @Test
  void diff_snapshotsOfDifferentDatabases_matchByNameOnly() {
    TableSnapshot after =
        table(100, "notes", required(1, "id", "bigint"), column(2, "content", "text"));

    SchemaDiff diff =
        SchemaDiffer.diff(schema(List.of(NOTES)), fromOtherDatabase(schema(List.of(after))));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.COLUMN_DROPPED, ChangeKind.COLUMN_ADDED);
  }

  @Test
  void diff_tableKeepsItsIdUnderANewName_isARename() {
    SchemaDiff diff =
        SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(renamed(NOTES, "memos"))));

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.kind()).isEqualTo(ChangeKind.TABLE_RENAMED);
              assertThat(change.reason())
                  .startsWith("table public.notes was renamed to public.memos");
            });
  }

  @Test
  void diff_idReusedByAnUnrelatedTable_isADropAndAnAdd() {
    // After a restore the same oid can name a different table; its columns give it away.
    TableSnapshot other =
        table(100, "invoices", required(1, "number", "integer"), column(2, "total", "numeric"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(other)));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.TABLE_DROPPED, ChangeKind.TABLE_ADDED);
  }

  @Test
  void diff_newColumns_areExpandUnlessRequiredWithoutDefault() {
    TableSnapshot after =
        table(
            100,
            "notes",
            required(1, "id", "bigint"),
            column(2, "body", "text"),
            column(3, "summary", "text"),
            required(4, "pinned", "boolean").withDefault("false"),
            required(5, "priority", "integer"),
            new ColumnSnapshot(6, "number", "bigint", true, null, Identity.ALWAYS, null));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(after)));

    assertThat(diff.changes())
        .extracting(SchemaChange::object, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("public.notes.summary", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("public.notes.pinned", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("public.notes.priority", MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple("public.notes.number", MigrationClass.EXPAND));
    assertThat(diff.contractChanges())
        .singleElement()
        .extracting(SchemaChange::reason)
        .asString()
        .contains("is NOT NULL without a default: the previous release inserts rows without it");
  }

  @Test
  void diff_typeChanges_areClassedByWidth() {
    TableSnapshot before =
        table(
            1,
            "t",
            column(1, "a", "character varying(50)"),
            column(2, "b", "bigint"),
            column(3, "c", "text"));
    TableSnapshot after =
        table(1, "t", column(1, "a", "text"), column(2, "b", "integer"), column(3, "c", "jsonb"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.changes())
        .extracting(SchemaChange::type, SchemaChange::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                MigrationClass.EXPAND,
                "column public.t.a was widened from character varying(50) to text: every value the previous release writes still fits"),
            org.assertj.core.groups.Tuple.tuple(
                MigrationClass.CONTRACT,
                "column public.t.b was narrowed from bigint to integer: values the previous release writes may no longer fit"),
            org.assertj.core.groups.Tuple.tuple(
                MigrationClass.CONTRACT,
                "column public.t.c changed type from text to jsonb: the previous release reads and writes it as text"));
  }

  @Test
  void diff_nullability_setNotNullIsContractAndDropNotNullExpand() {
    TableSnapshot before = table(1, "t", column(1, "a", "text"), required(2, "b", "text"));
    TableSnapshot after = table(1, "t", required(1, "a", "text"), column(2, "b", "text"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(ChangeKind.NOT_NULL_ADDED, MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.NOT_NULL_DROPPED, MigrationClass.EXPAND));
  }

  @Test
  void diff_droppedDefault_isContractButReplacedByIdentityIsNot() {
    TableSnapshot before =
        table(
            1,
            "t",
            required(1, "id", "integer").withDefault("nextval('public.t_id_seq'::regclass)"),
            required(2, "status", "text").withDefault("'draft'::text"));
    TableSnapshot after =
        table(
            1,
            "t",
            new ColumnSnapshot(1, "id", "integer", true, null, Identity.BY_DEFAULT, null),
            required(2, "status", "text"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.contractChanges())
        .singleElement()
        .extracting(SchemaChange::reason)
        .asString()
        .isEqualTo(
            "the default 'draft'::text of column public.t.status was dropped: inserts of the previous release that leave the column out now fail");
    assertThat(diff.changes())
        .filteredOn(c -> c.object().equals("public.t.id"))
        .allMatch(c -> c.type() == MigrationClass.EXPAND);
  }

  @Test
  void diff_identityAlways_isContract() {
    TableSnapshot before = table(1, "t", required(1, "id", "bigint"));
    TableSnapshot after =
        table(1, "t", new ColumnSnapshot(1, "id", "bigint", true, null, Identity.ALWAYS, null));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(diff.changes().get(0).reason()).contains("supply their own value fail");
  }

  @Test
  void diff_newConstraintOnExistingColumns_isContractAndSaysWhy() {
    TableSnapshot after =
        withConstraints(
            NOTES,
            constraint(
                7,
                "body_short",
                ConstraintType.CHECK,
                "CHECK ((length(body) < 100)) NOT VALID",
                "body"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(after)));

    assertThat(diff.changes())
        .singleElement()
        .satisfies(
            change -> {
              assertThat(change.type()).isEqualTo(MigrationClass.CONTRACT);
              assertThat(change.reason())
                  .contains(
                      "new check constraint body_short on public.notes (CHECK ((length(body) < 100)))")
                  .contains("added NOT VALID")
                  .contains("the previous release may write rows that break the check");
            });
  }

  @Test
  void diff_newConstraintOnNewColumnsOnly_isExpand() {
    TableSnapshot after =
        withConstraints(
            table(
                100,
                "notes",
                required(1, "id", "bigint"),
                column(2, "body", "text"),
                column(3, "rating", "smallint")),
            constraint(7, "rating_range", ConstraintType.CHECK, "CHECK ((rating <= 5))", "rating"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(after)));

    assertThat(diff.type()).isEqualTo(MigrationClass.EXPAND);
    assertThat(diff.changes().get(1).reason()).contains("only involves new columns (rating)");
  }

  @Test
  void diff_validatedConstraint_isExpand() {
    TableSnapshot before =
        withConstraints(
            NOTES, constraint(7, "c", ConstraintType.CHECK, "CHECK ((id > 0)) NOT VALID", "id"));
    TableSnapshot after =
        withConstraints(NOTES, constraint(7, "c", ConstraintType.CHECK, "CHECK ((id > 0))", "id"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.changes())
        .singleElement()
        .extracting(SchemaChange::kind, SchemaChange::type)
        .containsExactly(ChangeKind.CONSTRAINT_VALIDATED, MigrationClass.EXPAND);
  }

  @Test
  void diff_droppedConstraints_checkIsExpandUniqueAndCascadeAreContract() {
    TableSnapshot before =
        withConstraints(
            NOTES,
            constraint(7, "c", ConstraintType.CHECK, "CHECK ((id > 0))", "id"),
            constraint(8, "u", ConstraintType.UNIQUE, "UNIQUE (body)", "body"),
            foreignKey(9, "f_cascade", "id", "CASCADE"),
            foreignKey(10, "f_plain", "id", "NO ACTION"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(NOTES)));

    assertThat(diff.changes())
        .extracting(SchemaChange::object, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("public.notes.c", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("public.notes.f_cascade", MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple("public.notes.f_plain", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("public.notes.u", MigrationClass.CONTRACT));
  }

  @Test
  void diff_indexes_uniqueAddIsContractPlainAddAndDropExpand() {
    TableSnapshot before = withIndexes(NOTES, index(20, "notes_old", false, "notes", "body"));
    TableSnapshot after =
        withIndexes(
            NOTES,
            index(21, "notes_body", false, "notes", "body"),
            index(22, "notes_body_key", true, "notes", "body"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.changes())
        .extracting(SchemaChange::object, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("public.notes.notes_old", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("public.notes.notes_body", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple(
                "public.notes.notes_body_key", MigrationClass.CONTRACT));
  }

  @Test
  void diff_columnRenameCarriedByAnIndex_isReportedOnceAsTheRename() {
    TableSnapshot before = withIndexes(NOTES, index(20, "notes_body_key", true, "notes", "body"));
    TableSnapshot after =
        withIndexes(
            table(100, "notes", required(1, "id", "bigint"), column(2, "content", "text")),
            index(20, "notes_body_key", true, "notes", "content"));

    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(before)), schema(List.of(after)));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.COLUMN_RENAMED);
  }

  @Test
  void diff_views_keptColumnsAreExpandLostColumnsContract() {
    ViewColumn id = new ViewColumn("id", "bigint");
    ViewColumn body = new ViewColumn("body", "text");
    SchemaSnapshot before =
        schema(
            List.of(),
            List.of(
                view(30, "v", "SELECT id, body FROM notes", id, body),
                view(31, "w", "SELECT id, body FROM notes", id, body)),
            List.of(),
            List.of(),
            List.of());
    SchemaSnapshot after =
        schema(
            List.of(),
            List.of(
                view(
                    30,
                    "v",
                    "SELECT id, body, 1 AS x FROM notes",
                    id,
                    body,
                    new ViewColumn("x", "integer")),
                view(31, "w", "SELECT id FROM notes", id)),
            List.of(),
            List.of(),
            List.of());

    SchemaDiff diff = SchemaDiffer.diff(before, after);

    assertThat(diff.changes())
        .extracting(SchemaChange::object, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("public.v", MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple("public.w", MigrationClass.CONTRACT));
    assertThat(diff.changes().get(1).reason())
        .isEqualTo(
            "view public.w no longer returns column body: the previous release still reads it");
  }

  @Test
  void diff_functions_bodyChangeIsExpandDropAndRenameContract() {
    SchemaSnapshot before =
        schema(
            List.of(),
            List.of(),
            List.of(
                function(40, "a", "x integer", "integer", "h1"),
                function(41, "b", "", "void", "h1"),
                function(42, "c", "", "void", "h1")),
            List.of(),
            List.of());
    SchemaSnapshot after =
        schema(
            List.of(),
            List.of(),
            List.of(
                function(40, "a", "x integer", "integer", "h2"),
                function(42, "c2", "", "void", "h1")),
            List.of(),
            List.of());

    SchemaDiff diff = SchemaDiffer.diff(before, after);

    assertThat(diff.changes())
        .extracting(SchemaChange::kind, SchemaChange::type)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.FUNCTION_DROPPED, MigrationClass.CONTRACT),
            org.assertj.core.groups.Tuple.tuple(ChangeKind.FUNCTION_CHANGED, MigrationClass.EXPAND),
            org.assertj.core.groups.Tuple.tuple(
                ChangeKind.FUNCTION_RENAMED, MigrationClass.CONTRACT));
  }

  @Test
  void diff_enums_addedAtEndIsExpandRemovedOrRenamedIsContract() {
    SchemaSnapshot before =
        schema(
            List.of(),
            List.of(),
            List.of(),
            List.of(
                enumType(50, "mood", "sad", "ok"),
                enumType(51, "role", "member", "admin"),
                enumType(52, "plan", "free", "pro")),
            List.of());
    SchemaSnapshot after =
        schema(
            List.of(),
            List.of(),
            List.of(),
            List.of(
                enumType(50, "mood", "sad", "ok", "happy"),
                enumType(51, "role", "user", "admin"),
                enumType(53, "plan", "free")),
            List.of());

    SchemaDiff diff = SchemaDiffer.diff(before, after);

    assertThat(diff.changes())
        .extracting(SchemaChange::reason)
        .containsExactly(
            "new value 'happy' in enum public.mood, at the end: the previous release never writes it",
            "value 'pro' was removed from enum public.plan: the previous release may still write it",
            "value 'member' of enum public.role was renamed to 'user': the previous release still writes 'member'");
  }

  @Test
  void diff_sequenceWithLowerMaximum_isContract() {
    SchemaSnapshot before =
        schema(List.of(), List.of(), List.of(), List.of(), List.of(sequence(60, "s", 1000)));
    SchemaSnapshot after =
        schema(List.of(), List.of(), List.of(), List.of(), List.of(sequence(60, "s", 10)));

    SchemaDiff diff = SchemaDiffer.diff(before, after);

    assertThat(diff.type()).isEqualTo(MigrationClass.CONTRACT);
    assertThat(diff.changes().get(0).reason())
        .contains("maximum 1000 → 10")
        .contains("runs out sooner");
  }

  @Test
  void diff_columnAddedToAPartitionedTable_isReportedOnceOnTheParent() {
    TableSnapshot parent = table(1, "events", required(1, "at", "date"));
    TableSnapshot partition =
        partitionOf(table(2, "events_2025", required(1, "at", "date")), "public.events");
    TableSnapshot parentAfter =
        table(1, "events", required(1, "at", "date"), column(2, "kind", "text"));
    TableSnapshot partitionAfter =
        partitionOf(
            table(2, "events_2025", required(1, "at", "date"), column(2, "kind", "text")),
            "public.events");

    SchemaDiff diff =
        SchemaDiffer.diff(
            schema(List.of(parent, partition)), schema(List.of(parentAfter, partitionAfter)));

    assertThat(diff.changes())
        .extracting(SchemaChange::object)
        .containsExactly("public.events.kind");
  }

  @Test
  void diff_survivesJson() {
    TableSnapshot after =
        table(100, "notes", required(1, "id", "bigint"), column(2, "content", "text"));
    SchemaDiff diff = SchemaDiffer.diff(schema(List.of(NOTES)), schema(List.of(after)));

    String json = Json.write(diff);

    assertThat(json).contains("\"type\" : \"CONTRACT\"").doesNotContain("\"contract\"");
    assertThat(Json.read(json, SchemaDiff.class)).isEqualTo(diff);
  }

  @Test
  void diff_fromAnEmptyDatabase_isAllExpand() {
    SchemaDiff diff = SchemaDiffer.diff(SchemaSnapshot.empty("app"), schema(List.of(NOTES)));

    assertThat(diff.changes())
        .extracting(SchemaChange::kind)
        .containsExactly(ChangeKind.SCHEMA_ADDED, ChangeKind.TABLE_ADDED);
    assertThat(diff.type()).isEqualTo(MigrationClass.EXPAND);
  }
}
