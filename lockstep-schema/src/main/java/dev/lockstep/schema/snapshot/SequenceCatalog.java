package dev.lockstep.schema.snapshot;

import java.sql.SQLException;
import java.util.List;

/**
 * Sequences, without those of identity columns: an identity sequence is part of its column, and its
 * name is the database's business.
 */
final class SequenceCatalog {
  private static final String SEQUENCES =
      "SELECT c.oid, n.nspname, c.relname, format_type(s.seqtypid, NULL),"
          + " s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcycle,"
          + " (SELECT tn.nspname || '.' || t.relname || '.' || a.attname FROM pg_depend d"
          + "   JOIN pg_class t ON t.oid = d.refobjid"
          + "   JOIN pg_namespace tn ON tn.oid = t.relnamespace"
          + "   JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
          + "   WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid"
          + "   AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a')"
          + " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
          + " JOIN pg_namespace n ON n.oid = c.relnamespace"
          + " WHERE n.nspname = ANY(?)"
          + " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
          + "   AND d.objid = c.oid AND d.deptype = 'i')"
          + " AND "
          + CatalogSession.notFromExtension("pg_class", "c.oid");

  private SequenceCatalog() {}

  static List<SequenceSnapshot> read(CatalogSession session) throws SQLException {
    return session.rows(
        SEQUENCES,
        row ->
            new SequenceSnapshot(
                row.getLong(1),
                row.getString(2),
                row.getString(3),
                row.getString(4),
                row.getLong(5),
                row.getLong(6),
                row.getLong(7),
                row.getLong(8),
                row.getBoolean(9),
                row.getString(10)));
  }
}
