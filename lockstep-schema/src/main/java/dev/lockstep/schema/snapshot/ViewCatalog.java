package dev.lockstep.schema.snapshot;

import dev.lockstep.schema.snapshot.ViewSnapshot.ViewColumn;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/** Views and materialized views, with the columns they return. */
final class ViewCatalog {
  private static final String VIEWS =
      "SELECT c.oid, n.nspname, c.relname, c.relkind = 'm', pg_get_viewdef(c.oid, true)"
          + " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE c.relkind IN ('v', 'm') AND n.nspname = ANY(?)"
          + " AND "
          + CatalogSession.notFromExtension("pg_class", "c.oid");

  private ViewCatalog() {}

  static List<ViewSnapshot> read(
      CatalogSession session,
      Map<Long, List<ColumnSnapshot>> columns,
      Map<Long, List<TriggerSnapshot>> triggers)
      throws SQLException {
    return session.rows(
        VIEWS,
        row -> {
          long oid = row.getLong(1);
          List<ViewColumn> returned =
              columns.getOrDefault(oid, List.of()).stream()
                  .map(c -> new ViewColumn(c.name(), c.type()))
                  .toList();
          return new ViewSnapshot(
              oid,
              row.getString(2),
              row.getString(3),
              row.getBoolean(4),
              row.getString(5),
              returned,
              triggers.getOrDefault(oid, List.of()));
        });
  }
}
