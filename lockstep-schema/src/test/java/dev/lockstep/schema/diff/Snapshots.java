package dev.lockstep.schema.diff;

import dev.lockstep.schema.snapshot.ColumnSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot;
import dev.lockstep.schema.snapshot.ConstraintSnapshot.ConstraintType;
import dev.lockstep.schema.snapshot.DomainSnapshot;
import dev.lockstep.schema.snapshot.EnumSnapshot;
import dev.lockstep.schema.snapshot.FunctionSnapshot;
import dev.lockstep.schema.snapshot.IndexSnapshot;
import dev.lockstep.schema.snapshot.PolicySnapshot;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import dev.lockstep.schema.snapshot.SequenceSnapshot;
import dev.lockstep.schema.snapshot.TableSnapshot;
import dev.lockstep.schema.snapshot.TriggerSnapshot;
import dev.lockstep.schema.snapshot.TriggerSnapshot.Enabled;
import dev.lockstep.schema.snapshot.TriggerSnapshot.Timing;
import dev.lockstep.schema.snapshot.ViewSnapshot;
import dev.lockstep.schema.snapshot.ViewSnapshot.ViewColumn;
import java.util.List;

/** Hand-built snapshots for the differ's tests: one database ("origin"), schema public. */
final class Snapshots {
  static final String ORIGIN = "7000000000000000001/16384";

  private Snapshots() {}

  static SchemaSnapshot schema(List<TableSnapshot> tables) {
    return new SchemaSnapshot(
        "app",
        ORIGIN,
        List.of("public"),
        tables,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of());
  }

  static SchemaSnapshot schema(
      List<TableSnapshot> tables,
      List<ViewSnapshot> views,
      List<FunctionSnapshot> functions,
      List<EnumSnapshot> enums,
      List<SequenceSnapshot> sequences) {
    return new SchemaSnapshot(
        "app", ORIGIN, List.of("public"), tables, views, functions, enums, List.of(), sequences);
  }

  static SchemaSnapshot schema(List<TableSnapshot> tables, List<FunctionSnapshot> functions) {
    return schema(tables, List.of(), functions, List.of(), List.of());
  }

  static SchemaSnapshot withDomains(List<TableSnapshot> tables, DomainSnapshot... domains) {
    return new SchemaSnapshot(
        "app",
        ORIGIN,
        List.of("public"),
        tables,
        List.of(),
        List.of(),
        List.of(),
        List.of(domains),
        List.of());
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
        snapshot.domains(),
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
        false,
        List.of(columns),
        List.of(),
        List.of(),
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
        table.forceRowLevelSecurity(),
        table.columns(),
        List.of(constraints),
        table.indexes(),
        table.triggers(),
        table.policies());
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
        table.forceRowLevelSecurity(),
        table.columns(),
        table.constraints(),
        List.of(indexes),
        table.triggers(),
        table.policies());
  }

  static TableSnapshot withTriggers(TableSnapshot table, TriggerSnapshot... triggers) {
    return new TableSnapshot(
        table.oid(),
        table.schema(),
        table.name(),
        table.partitioned(),
        table.partitionKey(),
        table.partitionOf(),
        table.partitionBound(),
        table.rowLevelSecurity(),
        table.forceRowLevelSecurity(),
        table.columns(),
        table.constraints(),
        table.indexes(),
        List.of(triggers),
        table.policies());
  }

  /** The table with row-level security on or off, forced or not, and these policies. */
  static TableSnapshot withSecurity(
      TableSnapshot table, boolean enabled, boolean forced, PolicySnapshot... policies) {
    return new TableSnapshot(
        table.oid(),
        table.schema(),
        table.name(),
        table.partitioned(),
        table.partitionKey(),
        table.partitionOf(),
        table.partitionBound(),
        enabled,
        forced,
        table.columns(),
        table.constraints(),
        table.indexes(),
        table.triggers(),
        List.of(policies));
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
        table.forceRowLevelSecurity(),
        table.columns(),
        table.constraints(),
        table.indexes(),
        table.triggers(),
        table.policies());
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
        table.forceRowLevelSecurity(),
        table.columns(),
        table.constraints(),
        table.indexes(),
        table.triggers(),
        table.policies());
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
    return new ViewSnapshot(oid, "public", name, false, definition, List.of(columns), List.of());
  }

  static FunctionSnapshot function(
      long oid, String name, String arguments, String result, String hash) {
    int count = arguments.isEmpty() ? 0 : arguments.split(", ").length;
    return new FunctionSnapshot(
        oid, "public", name, arguments, result, "function", hash, "sql", count, 0, false);
  }

  /** A function of {@code count} arguments, the last {@code defaults} with defaults. */
  static FunctionSnapshot function(
      long oid, String name, String arguments, int count, int defaults, String result) {
    return new FunctionSnapshot(
        oid,
        "public",
        name,
        arguments,
        result,
        "function",
        "h" + oid,
        "sql",
        count,
        defaults,
        false);
  }

  /** A PL/pgSQL trigger function, that raises errors or not. */
  static FunctionSnapshot triggerFunction(long oid, String name, String hash, boolean raises) {
    return new FunctionSnapshot(
        oid, "public", name, "", "trigger", "function", hash, "plpgsql", 0, 0, raises);
  }

  /** An enabled row trigger on every column, without WHEN, running {@code public.<function>()}. */
  static TriggerSnapshot trigger(
      long oid, String name, Timing timing, String function, String... events) {
    String runs = "public." + function + "()";
    return new TriggerSnapshot(
        oid,
        name,
        timing,
        List.of(events),
        List.of(),
        true,
        Enabled.ORIGIN,
        false,
        runs,
        null,
        "CREATE TRIGGER "
            + name
            + " "
            + timing.words()
            + " "
            + String.join(" OR ", events)
            + " ON public.notes FOR EACH ROW EXECUTE FUNCTION "
            + runs);
  }

  static TriggerSnapshot constraintTrigger(long oid, String name, String function) {
    TriggerSnapshot t = trigger(oid, name, Timing.AFTER, function, "INSERT");
    return new TriggerSnapshot(
        t.oid(),
        t.name(),
        t.timing(),
        t.events(),
        t.updateColumns(),
        t.forEachRow(),
        t.enabled(),
        true,
        t.function(),
        t.when(),
        t.definition().replace("CREATE TRIGGER", "CREATE CONSTRAINT TRIGGER"));
  }

  static TriggerSnapshot withEnabled(TriggerSnapshot t, Enabled enabled) {
    return new TriggerSnapshot(
        t.oid(),
        t.name(),
        t.timing(),
        t.events(),
        t.updateColumns(),
        t.forEachRow(),
        enabled,
        t.constraint(),
        t.function(),
        t.when(),
        t.definition());
  }

  static PolicySnapshot policy(long oid, String name, boolean permissive, String using) {
    return new PolicySnapshot(oid, name, "ALL", permissive, List.of("public"), using, null);
  }

  static PolicySnapshot withRoles(PolicySnapshot p, String... roles) {
    return new PolicySnapshot(
        p.oid(), p.name(), p.command(), p.permissive(), List.of(roles), p.using(), p.withCheck());
  }

  static DomainSnapshot domain(
      long oid, String name, String baseType, boolean notNull, ConstraintSnapshot... checks) {
    return new DomainSnapshot(oid, "public", name, baseType, notNull, null, List.of(checks));
  }

  static ConstraintSnapshot domainCheck(long oid, String name, String definition) {
    return new ConstraintSnapshot(
        oid,
        name,
        ConstraintType.CHECK,
        List.of(),
        definition,
        !definition.endsWith("NOT VALID"),
        null);
  }

  static EnumSnapshot enumType(long oid, String name, String... labels) {
    return new EnumSnapshot(oid, "public", name, List.of(labels));
  }

  static SequenceSnapshot sequence(long oid, String name, long max) {
    return new SequenceSnapshot(oid, "public", name, "bigint", 1, 1, 1, max, false, null);
  }
}
