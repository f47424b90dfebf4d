package dev.lockstep.schema.snapshot;

import dev.lockstep.schema.snapshot.TriggerSnapshot.Enabled;
import dev.lockstep.schema.snapshot.TriggerSnapshot.Timing;
import dev.lockstep.schema.sql.TriggerDefinitions;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Triggers of tables and views. Those PostgreSQL makes itself (for foreign keys) are left out, and
 * so are a partition's copies of its parent's triggers: they are reported once, on the parent.
 */
final class TriggerCatalog {
  // pg_trigger.tgtype bits, from PostgreSQL's catalog/pg_trigger.h.
  private static final int ROW = 1;
  private static final int BEFORE = 1 << 1;
  private static final int INSERT = 1 << 2;
  private static final int DELETE = 1 << 3;
  private static final int UPDATE = 1 << 4;
  private static final int TRUNCATE = 1 << 5;
  private static final int INSTEAD = 1 << 6;
  // Since PostgreSQL 13 a partition's copy of its parent's trigger is no longer internal.
  private static final int VERSION_WITH_PARENT_ID = 130000;

  private static final String TRIGGERS =
      "SELECT t.tgrelid, t.oid, t.tgname, t.tgtype, t.tgenabled, t.tgconstraint <> 0,"
          + " fn.nspname || '.' || p.proname"
          + "   || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
          + " pg_get_triggerdef(t.oid),"
          + " ARRAY(SELECT a.attname::text FROM unnest(t.tgattr::int2[]) WITH ORDINALITY k(attnum, n)"
          + "   JOIN pg_attribute a ON a.attrelid = t.tgrelid AND a.attnum = k.attnum"
          + "   ORDER BY k.n)"
          + " FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " JOIN pg_proc p ON p.oid = t.tgfoid"
          + " JOIN pg_namespace fn ON fn.oid = p.pronamespace"
          + " WHERE NOT t.tgisinternal AND n.nspname = ANY(?)";

  private TriggerCatalog() {}

  /** The triggers of every table and view, keyed by the relation's oid. */
  static Map<Long, List<TriggerSnapshot>> byRelation(CatalogSession session) throws SQLException {
    record Owned(long relation, TriggerSnapshot trigger) {}
    String sql =
        session.serverVersion() >= VERSION_WITH_PARENT_ID
            ? TRIGGERS + " AND t.tgparentid = 0"
            : TRIGGERS;
    List<Owned> rows =
        session.rows(
            sql,
            row -> {
              int type = row.getInt(4);
              String definition = row.getString(8);
              return new Owned(
                  row.getLong(1),
                  new TriggerSnapshot(
                      row.getLong(2),
                      row.getString(3),
                      timing(type),
                      events(type),
                      CatalogSession.textArray(row, 9),
                      (type & ROW) != 0,
                      enabled(row.getString(5)),
                      row.getBoolean(6),
                      row.getString(7),
                      TriggerDefinitions.whenCondition(definition),
                      definition));
            });
    return rows.stream()
        .collect(
            Collectors.groupingBy(
                Owned::relation,
                Collectors.mapping(Owned::trigger, Collectors.toCollection(ArrayList::new))));
  }

  private static Timing timing(int type) {
    if ((type & INSTEAD) != 0) {
      return Timing.INSTEAD_OF;
    }
    return (type & BEFORE) != 0 ? Timing.BEFORE : Timing.AFTER;
  }

  private static List<String> events(int type) {
    List<String> events = new ArrayList<>();
    if ((type & INSERT) != 0) {
      events.add("INSERT");
    }
    if ((type & UPDATE) != 0) {
      events.add("UPDATE");
    }
    if ((type & DELETE) != 0) {
      events.add("DELETE");
    }
    if ((type & TRUNCATE) != 0) {
      events.add("TRUNCATE");
    }
    return events;
  }

  private static Enabled enabled(String code) {
    return switch (code) {
      case "A" -> Enabled.ALWAYS;
      case "R" -> Enabled.REPLICA;
      case "D" -> Enabled.DISABLED;
      default -> Enabled.ORIGIN;
    };
  }
}
