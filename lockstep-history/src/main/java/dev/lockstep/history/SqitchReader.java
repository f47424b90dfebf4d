package dev.lockstep.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Sqitch's registry: {@code sqitch.changes} holds the changes deployed now (a revert deletes the
 * row; {@code sqitch.events} keeps the log of deploys, reverts and failures). An entry's id is the
 * change's name as the plan writes it. Sqitch reverts a change whose deploy failed, so no failure
 * is left in {@code changes}, and there is no dirty state.
 */
final class SqitchReader implements FormatReader {

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT change, change_id, project, "
            + table.columnOr("note")
            + " AS note, "
            + Rows.instant("committed_at")
            + ", "
            + table.columnOr("script_hash")
            + " AS script_hash FROM "
            + table.table().quoted()
            + " ORDER BY committed_at, change_id";
    List<HistoryEntry> entries =
        Rows.entries(
            connection,
            sql,
            rows -> {
              String note = rows.getString("note");
              return new HistoryEntry(
                  rows.getString("change"),
                  note == null || note.isBlank() ? null : note,
                  Rows.instant(rows, "committed_at"),
                  true,
                  null,
                  rows.getString("script_hash"),
                  "project "
                      + rows.getString("project")
                      + ", change id "
                      + rows.getString("change_id"));
            });
    return new MigrationHistory(
        HistoryFormat.SQITCH, table.table().qualified(), entries, List.of());
  }
}
