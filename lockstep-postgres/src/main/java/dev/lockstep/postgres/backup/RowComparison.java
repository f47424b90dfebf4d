package dev.lockstep.postgres.backup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** Table-by-table comparison of the rows a manifest recorded with the rows a restore produced. */
final class RowComparison {
  private RowComparison() {}

  static List<TableComparison> compare(Map<String, Long> expected, Map<String, Long> restored) {
    TreeSet<String> tables = new TreeSet<>(expected.keySet());
    tables.addAll(restored.keySet());
    List<TableComparison> result = new ArrayList<>();
    for (String table : tables) {
      result.add(
          new TableComparison(
              table, expected.getOrDefault(table, 0L), restored.getOrDefault(table, 0L)));
    }
    return result;
  }

  /** One sentence per table whose rows differ, naming it; empty when all match. */
  static List<String> problems(
      List<TableComparison> tables, Map<String, Long> expected, Map<String, Long> restored) {
    List<String> problems = new ArrayList<>();
    for (TableComparison table : tables) {
      if (!expected.containsKey(table.table())) {
        problems.add(
            "table "
                + table.table()
                + " exists after the restore but is not in the manifest ("
                + table.restoredRows()
                + " rows)");
      } else if (!restored.containsKey(table.table())) {
        problems.add(
            "table "
                + table.table()
                + " is missing after the restore (the manifest recorded "
                + table.expectedRows()
                + " rows)");
      } else if (!table.matches()) {
        problems.add(
            "table "
                + table.table()
                + " has "
                + table.restoredRows()
                + " rows after the restore; the manifest recorded "
                + table.expectedRows());
      }
    }
    return problems;
  }
}
