package dev.lockstep.schema.observe;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The catalog reads an observation needs: relations before, locks and storage after. */
final class Relations {
  private static final String EXISTING =
      "SELECT c.oid, n.nspname || '.' || c.relname, c.relkind, c.relfilenode"
          + " FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%'";
  private static final String LOCKS =
      "SELECT l.relation, l.mode FROM pg_catalog.pg_locks l"
          + " WHERE l.pid = pg_catalog.pg_backend_pid() AND l.locktype = 'relation'"
          + " AND l.granted";
  private static final String STORAGE =
      "SELECT c.oid, c.relfilenode FROM pg_catalog.pg_class c WHERE c.oid::bigint = ANY(?)";

  private Relations() {}

  record Relation(String name, String kind, long relfilenode) {}

  /** Every user relation, by oid: locks on relations created later block nobody. */
  static Map<Long, Relation> existing(Connection connection) throws SQLException {
    Map<Long, Relation> relations = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(EXISTING)) {
      while (rows.next()) {
        relations.put(
            rows.getLong(1),
            new Relation(rows.getString(2), kind(rows.getString(3)), rows.getLong(4)));
      }
    }
    return relations;
  }

  static List<HeldLock> locks(Connection connection, Map<Long, Relation> existing)
      throws SQLException {
    Map<String, HeldLock> strongest = new HashMap<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(LOCKS)) {
      while (rows.next()) {
        Relation relation = existing.get(rows.getLong(1));
        if (relation == null) {
          continue;
        }
        HeldLock lock =
            new HeldLock(relation.name(), relation.kind(), LockMode.fromPg(rows.getString(2)));
        strongest.merge(relation.name(), lock, (a, b) -> a.mode().compareTo(b.mode()) >= 0 ? a : b);
      }
    }
    List<HeldLock> locks = new ArrayList<>(strongest.values());
    locks.sort(Comparator.comparing(HeldLock::relation));
    return locks;
  }

  /** Tables whose storage file changed: every row was copied into a new one. */
  static List<String> rewritten(Connection connection, Map<Long, Relation> existing)
      throws SQLException {
    List<String> rewritten = new ArrayList<>();
    Array oids = connection.createArrayOf("bigint", existing.keySet().toArray());
    try (PreparedStatement query = connection.prepareStatement(STORAGE)) {
      query.setArray(1, oids);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          Relation before = existing.get(rows.getLong(1));
          boolean table =
              before.kind().equals("table") || before.kind().equals("materialized view");
          if (table && before.relfilenode() != rows.getLong(2)) {
            rewritten.add(before.name());
          }
        }
      }
    }
    rewritten.sort(Comparator.naturalOrder());
    return rewritten;
  }

  private static String kind(String relkind) {
    return switch (relkind) {
      case "r" -> "table";
      case "p" -> "partitioned table";
      case "i", "I" -> "index";
      case "S" -> "sequence";
      case "v" -> "view";
      case "m" -> "materialized view";
      case "t" -> "TOAST table";
      default -> "relation";
    };
  }
}
