package dev.lockstep.postgres.dump;

import dev.lockstep.postgres.internal.Identifiers;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A part of one table that one connection hashes: the whole table, or a range of its pages, so that
 * a big table is hashed by several connections at once. Since the hash is a sum over rows, the sums
 * of the slices add up to the table's.
 *
 * @param method how rows are hashed: {@link #RECORD_HASH} or {@link #TEXT_MD5}
 * @param fromPage first page, inclusive
 * @param toPage last page, exclusive; -1 for "to the end"
 */
record TableSlice(
    String schema, String name, String method, long fromPage, long toPage, long bytes) {
  /**
   * PostgreSQL's own 64-bit hash of each column, combined per row ({@code hash_record_extended},
   * PostgreSQL 14 and later): four to five times cheaper than md5 of the row's text, because no row
   * is printed. It needs a hash function for every column's type, and compares values as their type
   * does (1.0 and 1.00 are equal numerics), which is what a restore must preserve.
   */
  static final String RECORD_HASH = "h";

  /** md5 of the row's text: every type has a text form; the fallback. */
  static final String TEXT_MD5 = "m";

  static final long PAGE_BYTES = 8192;

  /** Small enough that a few slices of the biggest table keep every connection busy. */
  static final long SLICE_BYTES = 64L << 20;

  String key() {
    return schema + "." + name;
  }

  String table() {
    return Identifiers.quote(schema) + "." + Identifiers.quote(name);
  }

  String sql() {
    // ROW(r.*) rather than r: a column named r would win over the whole-row reference.
    String rowHash =
        method.equals(RECORD_HASH)
            ? "hash_record_extended(ROW(r.*), 0)"
            : "('x' || left(md5(ROW(r.*)::text), 16))::bit(64)::bigint";
    String from =
        "SELECT count(*), coalesce(sum(" + rowHash + "), 0)::text FROM ONLY " + table() + " AS r";
    if (fromPage == 0 && toPage < 0) {
      return from;
    }
    // A TID range scan (PostgreSQL 14 and later) reads only these pages.
    String where = " WHERE ctid >= '(" + fromPage + ",0)'::tid";
    return from + where + (toPage < 0 ? "" : " AND ctid < '(" + toPage + ",0)'::tid");
  }

  /**
   * The slices of {@code tables}, biggest first so that the last slice to finish is a small one.
   * Tables are cut into page ranges only when {@code ranges} (the server can scan a TID range).
   */
  static List<TableSlice> plan(List<TableSlice> tables, boolean ranges, long sliceBytes) {
    List<TableSlice> slices = new ArrayList<>();
    long perSlice = Math.max(1, sliceBytes / PAGE_BYTES);
    for (TableSlice table : tables) {
      long pages = Math.max(1, table.bytes() / PAGE_BYTES);
      if (!ranges || pages <= perSlice) {
        slices.add(table);
        continue;
      }
      for (long from = 0; from < pages; from += perSlice) {
        boolean last = from + perSlice >= pages;
        long bytes = Math.min(perSlice, pages - from) * PAGE_BYTES;
        slices.add(
            new TableSlice(
                table.schema(),
                table.name(),
                table.method(),
                from,
                last ? -1 : from + perSlice,
                bytes));
      }
    }
    slices.sort(Comparator.comparingLong(TableSlice::bytes).reversed());
    return slices;
  }
}
