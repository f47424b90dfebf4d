package dev.lockstep.schema.snapshot;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * One hash over the catalog rows that make up the user schemas, computed by the server in a single
 * query: tables and views with their columns (type, nullability, default), constraints, indexes,
 * view definitions, functions, enums, domains, sequences, triggers and policies. It cannot say what
 * changed, only whether anything did, which is all a run needs to confirm inside its downtime that
 * the schema it read before stopping the services still holds. Much cheaper than a full read.
 */
public final class SchemaChecksum {
  private static final String SCHEMAS =
      "SELECT n.oid FROM pg_catalog.pg_namespace n"
          + " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')"
          + " AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'"
          + " AND NOT EXISTS (SELECT 1 FROM pg_catalog.pg_depend e"
          + " WHERE e.classid = 'pg_catalog.pg_namespace'::pg_catalog.regclass"
          + " AND e.objid = n.oid AND e.deptype = 'e')";

  /** Each part yields one text per object; the parts are hashed in a fixed order. */
  private static final String QUERY =
      "WITH s AS ("
          + SCHEMAS
          + "), parts(part) AS ("
          + " SELECT concat_ws(':', 'n', n.nspname) FROM pg_catalog.pg_namespace n"
          + "   WHERE n.oid IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'r', c.oid::regclass, c.relkind, c.relpersistence,"
          + "   c.relrowsecurity) FROM pg_catalog.pg_class c"
          + "   WHERE c.relnamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'a', a.attrelid::regclass, a.attnum, a.attname,"
          + "   pg_catalog.format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attisdropped,"
          + "   a.attidentity, a.attgenerated, pg_catalog.pg_get_expr(d.adbin, d.adrelid),"
          + "   co.collname)"
          + "   FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_class c ON c.oid = a.attrelid"
          + "   LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum"
          + "   LEFT JOIN pg_catalog.pg_collation co ON co.oid = a.attcollation"
          + "   WHERE c.relnamespace IN (SELECT oid FROM s) AND a.attnum > 0"
          + " UNION ALL SELECT concat_ws(':', 'c', con.conrelid::regclass, con.contypid::regtype,"
          + "   con.conname, pg_catalog.pg_get_constraintdef(con.oid), con.convalidated,"
          + "   con.condeferrable, con.condeferred)"
          + "   FROM pg_catalog.pg_constraint con WHERE con.connamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'i', pg_catalog.pg_get_indexdef(i.indexrelid),"
          + "   i.indisvalid)"
          + "   FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
          + "   WHERE c.relnamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'v', c.oid::regclass, pg_catalog.pg_get_viewdef(c.oid))"
          + "   FROM pg_catalog.pg_class c"
          + "   WHERE c.relkind IN ('v', 'm') AND c.relnamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'f', p.oid::regprocedure, p.prokind,"
          + "   p.prorettype::regtype, p.provolatile, p.prosecdef, pg_catalog.md5(p.prosrc))"
          + "   FROM pg_catalog.pg_proc p WHERE p.pronamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 't', t.oid::regtype, t.typtype,"
          + "   pg_catalog.format_type(t.typbasetype, t.typtypmod), t.typnotnull, t.typdefault,"
          + "   (SELECT pg_catalog.string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)"
          + "    FROM pg_catalog.pg_enum e WHERE e.enumtypid = t.oid))"
          + "   FROM pg_catalog.pg_type t"
          + "   WHERE t.typnamespace IN (SELECT oid FROM s) AND t.typtype IN ('e', 'd', 'c', 'r')"
          + " UNION ALL SELECT concat_ws(':', 'q', sq.seqrelid::regclass, sq.seqtypid::regtype,"
          + "   sq.seqincrement, sq.seqmin, sq.seqmax, sq.seqcycle)"
          + "   FROM pg_catalog.pg_sequence sq JOIN pg_catalog.pg_class c ON c.oid = sq.seqrelid"
          + "   WHERE c.relnamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'g', tg.tgrelid::regclass, tg.tgname,"
          + "   pg_catalog.pg_get_triggerdef(tg.oid), tg.tgenabled)"
          + "   FROM pg_catalog.pg_trigger tg JOIN pg_catalog.pg_class c ON c.oid = tg.tgrelid"
          + "   WHERE NOT tg.tgisinternal AND c.relnamespace IN (SELECT oid FROM s)"
          + " UNION ALL SELECT concat_ws(':', 'p', po.polrelid::regclass, po.polname, po.polcmd,"
          + "   po.polpermissive, po.polroles, pg_catalog.pg_get_expr(po.polqual, po.polrelid),"
          + "   pg_catalog.pg_get_expr(po.polwithcheck, po.polrelid))"
          + "   FROM pg_catalog.pg_policy po JOIN pg_catalog.pg_class c ON c.oid = po.polrelid"
          + "   WHERE c.relnamespace IN (SELECT oid FROM s)"
          + ") SELECT pg_catalog.md5(coalesce("
          + " pg_catalog.string_agg(part, E'\\n' ORDER BY part COLLATE \"C\"), ''))"
          + " FROM parts";

  private SchemaChecksum() {}

  /** The checksum of the user schemas of the database {@code connection} is open on. */
  public static String of(Connection connection) {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(QUERY)) {
      rows.next();
      return rows.getString(1);
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not compute the schema checksum from the database catalog: "
              + e.getMessage()
              + ". Check that the database is up and that the user may read pg_catalog.",
          e);
    }
  }
}
