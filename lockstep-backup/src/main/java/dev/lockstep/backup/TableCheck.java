package dev.lockstep.backup;

import dev.lockstep.postgres.dump.TableFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Table-by-table comparison of what a manifest recorded with what a restore produced. */
final class TableCheck {
  private TableCheck() {}

  /** Every table of either side, sorted; a table missing on one side has 0 rows there. */
  static List<TableComparison> compare(
      Map<String, TableFacts> expected, Map<String, TableFingerprint> restored) {
    TreeSet<String> names = new TreeSet<>(expected.keySet());
    names.addAll(restored.keySet());
    List<TableComparison> result = new ArrayList<>();
    for (String name : names) {
      TableFacts facts = expected.get(name);
      TableFingerprint found = restored.get(name);
      result.add(
          new TableComparison(
              name,
              facts == null ? 0 : facts.rows(),
              found == null ? 0 : found.rows(),
              facts == null ? null : facts.contentHash(),
              found == null ? null : found.contentHash()));
    }
    return result;
  }

  /**
   * One sentence per table that differs, naming it; empty when all match. Content hashes are
   * compared where both sides have one (a restore counts rows only, to be quick).
   */
  static List<String> differences(
      List<TableComparison> tables,
      Map<String, TableFacts> expected,
      Map<String, TableFingerprint> restored) {
    List<String> differences = new ArrayList<>();
    for (TableComparison table : tables) {
      String name = "table " + table.table();
      if (!expected.containsKey(table.table())) {
        differences.add(
            name
                + " exists after the restore but is not in the manifest ("
                + table.restoredRows()
                + " rows)");
      } else if (!restored.containsKey(table.table())) {
        differences.add(
            name
                + " is missing after the restore (the manifest recorded "
                + table.expectedRows()
                + " rows)");
      } else if (table.expectedRows() != table.restoredRows()) {
        differences.add(
            name
                + " has "
                + table.restoredRows()
                + " rows after the restore; the manifest recorded "
                + table.expectedRows());
      } else if (table.expectedHash() != null
          && table.restoredHash() != null
          && !method(table.expectedHash()).equals(method(table.restoredHash()))) {
        differences.add(
            name
                + " was hashed another way after the restore (method "
                + method(table.restoredHash())
                + ", the manifest's "
                + method(table.expectedHash())
                + ": this server hashes its column types differently), so its content cannot be"
                + " compared");
      } else if (table.expectedHash() != null
          && table.restoredHash() != null
          && !table.expectedHash().equals(table.restoredHash())) {
        differences.add(
            name
                + " has the same "
                + table.restoredRows()
                + " rows but different content after the restore (content hash "
                + table.restoredHash()
                + "; the manifest recorded "
                + table.expectedHash()
                + ")");
      }
    }
    return differences;
  }

  /** What comes before the colon of a content hash ({@code h} or {@code m}): how it was made. */
  private static String method(String hash) {
    int colon = hash.indexOf(':');
    return colon < 0 ? "" : hash.substring(0, colon);
  }
}
