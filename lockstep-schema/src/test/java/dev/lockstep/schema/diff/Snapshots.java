package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import dev.lockstep.schema.snapshot.EnumSnapshot;
import dev.lockstep.schema.snapshot.FunctionSnapshot;
import dev.lockstep.schema.snapshot.IndexSnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.SequenceSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import dev.lockstep.schema.snapshot.ViewSnapshot;
import dev.lockstep.schema.snapshot.ViewSnapshot.ViewColumn;
import java.util.List;

/** Hand-built snapshots for the differ's tests: one database ("origin"), schema public. */
final class Snapshots {
  static final String ORIGIN = "7000000000000000001/16384";

  private Snapshots() {}

  static SchemaSnapshot schema(List<TableSnapshot> tables) {
    return new SchemaSnapshot(
        "app", ORIGIN, List.of("public"), tables, List.of(), List.of(), List.of(), List.of());
  }

  static SchemaSnapshot schema(
      List<TableSnapshot> tables,
      List<ViewSnapshot> views,
      List<FunctionSnapshot> functions,
      List<EnumSnapshot> enums,
      List<SequenceSnapshot> sequences) {
    return new SchemaSnapshot(
        "app", ORIGIN, List.of("public"), tables, views, functions, enums, sequences);
  }

  static SchemaSnapshot fromOtherDatabase(SchemaSnapshot snapshot) {
    return new SchemaSnapshot(
        snapshot.database(),
        "7000000000000000002/16384",
        snapshot.schemas(),
        snapshot.tables(),
        snapshot.views(),
        snapshot.functions(),
        snapshot.enums(),
        snapshot.sequences());
  }

  static TableSnapshot table(long oid, String name, ColumnSnapshot... columns) {
    return new TableSnapshot(
        oid,
        "public",
        name,
        false,
        null,
        null,
        null,
        false,
        List.of(columns),
        List.of(),
        List.of());
  }

  static TableSnapshot withConstraints(TableSnapshot table, ConstraintSnapshot... constraints) {
    return new TableSnapshot(
        table.oid(),
        table.schema(),
        table.name(),
        table.partitioned(),
        table.partitionKey(),
        table.partitionOf(),
        table.partitionBound(),
        table.rowLevelSecurity(),
        table.columns(),
        List.of(constraints),
        table.indexes());
  }

  static TableSnapshot withIndexes(TableSnapshot table, IndexSnapshot... indexes) {
    return new TableSnapshot(
        table.oid(),
        table.schema(),
        table.name(),
        table.partitioned(),
        table.partitionKey(),
        table.partitionOf(),
        table.partitionBound(),
        table.rowLevelSecurity(),
        table.columns(),
        table.constraints(),
        List.of(indexes));
  }

  static TableSnapshot partitionOf(TableSnapshot table, String parent) {
    return new TableSnapshot(
        table.oid(),
        table.schema(),
        table.name(),
        false,
        null,
        parent,
        "FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')",
        false,
        table.columns(),
        table.constraints(),
        table.indexes());
  }

  static TableSnapshot renamed(TableSnapshot table, String name) {
    return new TableSnapshot(
        table.oid(),
        table.schema(),
        name,
        table.partitioned(),
        table.partitionKey(),
        table.partitionOf(),
        table.partitionBound(),
        table.rowLevelSecurity(),
        table.columns(),
        table.constraints(),
        table.indexes());
  }

  static ColumnSnapshot column(int attnum, String name, String type) {
    return ColumnSnapshot.of(attnum, name, type, false);
  }

  static ColumnSnapshot required(int attnum, String name, String type) {
    return ColumnSnapshot.of(attnum, name, type, true);
  }

  static ConstraintSnapshot constraint(
      long oid, String name, ConstraintType type, String definition, String... columns) {
    return new ConstraintSnapshot(
        oid, name, type, List.of(columns), definition, !definition.endsWith("NOT VALID"), null);
  }

  static ConstraintSnapshot foreignKey(long oid, String name, String column, String onDelete) {
    return new ConstraintSnapshot(
        oid,
        name,
        ConstraintType.FOREIGN_KEY,
        List.of(column),
        "FOREIGN KEY ("
            + column
            + ") REFERENCES public.users(id)"
            + (onDelete.equals("NO ACTION") ? "" : " ON DELETE " + onDelete),
        true,
        onDelete);
  }

  static IndexSnapshot index(long oid, String name, boolean unique, String table, String column) {
    return new IndexSnapshot(
        oid,
        name,
        List.of(column),
        "CREATE "
            + (unique ? "UNIQUE " : "")
            + "INDEX "
            + name
            + " ON public."
            + table
            + " USING btree ("
            + column
            + ")",
        unique,
        false,
        true,
        null);
  }

  static ViewSnapshot view(long oid, String name, String definition, ViewColumn... columns) {
    return new ViewSnapshot(oid, "public", name, false, definition, List.of(columns));
  }

  static FunctionSnapshot function(
      long oid, String name, String arguments, String result, String hash) {
    return new FunctionSnapshot(oid, "public", name, arguments, result, "function", hash);
  }

  static EnumSnapshot enumType(long oid, String name, String... labels) {
    return new EnumSnapshot(oid, "public", name, List.of(labels));
  }

  static SequenceSnapshot sequence(long oid, String name, long max) {
    return new SequenceSnapshot(oid, "public", name, "bigint", 1, 1, 1, max, false, null);
  }
}
