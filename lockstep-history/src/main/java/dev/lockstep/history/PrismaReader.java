package dev.lockstep.history;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Prisma's {@code _prisma_migrations}. A row is applied when {@code finished_at} is set; a row with
 * {@code rolled_back_at} set was resolved as rolled back and counts for nothing, as in Prisma; a
 * row with neither failed (its {@code logs} say why) or is still running, and blocks {@code prisma
 * migrate deploy} (error P3009).
 */
final class PrismaReader implements FormatReader {
  private static final int LOG_EXCERPT = 300;

  @Override
  public MigrationHistory read(Connection connection, TableLayout table) throws SQLException {
    String sql =
        "SELECT migration_name, checksum, logs, applied_steps_count, rolled_back_at, "
            + Rows.instant("started_at")
            + ", "
            + Rows.instant("finished_at")
            + " FROM "
            + table.table().quoted()
            + " ORDER BY started_at, migration_name";
    List<HistoryEntry> entries = new ArrayList<>();
    List<DirtyState> dirty = new ArrayList<>();
    try (PreparedStatement query = connection.prepareStatement(sql);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        if (rows.getObject("rolled_back_at") != null) {
          continue;
        }
        String name = rows.getString("migration_name");
        Instant started = Rows.instant(rows, "started_at");
        Instant finished = Rows.instant(rows, "finished_at");
        int steps = rows.getInt("applied_steps_count");
        entries.add(
            new HistoryEntry(
                name,
                Rows.describe(name),
                finished != null ? finished : started,
                finished != null,
                Rows.between(started, finished),
                rows.getString("checksum"),
                "applied steps " + steps));
        if (finished == null) {
          dirty.add(unfinished(name, started, steps, rows.getString("logs"), table.table()));
        }
      }
    }
    return new MigrationHistory(HistoryFormat.PRISMA, table.table().qualified(), entries, dirty);
  }

  private static DirtyState unfinished(
      String name, Instant started, int steps, String logs, TableName table) {
    boolean failed = logs != null && !logs.isBlank();
    String what =
        "Prisma migration "
            + name
            + (failed ? " failed" : " never finished")
            + " in "
            + table.qualified()
            + " (started "
            + started
            + ", "
            + steps
            + " step(s) applied)"
            + (failed
                ? ". Prisma's log: " + excerpt(logs)
                : ": either `prisma migrate deploy` is running right now, or it was killed"
                    + " mid-way")
            + ". `prisma migrate deploy` refuses to apply anything (error P3009) until it is"
            + " resolved.";
    String wayOut =
        "Check what "
            + name
            + "/migration.sql left applied (on PostgreSQL a failed script is usually rolled back"
            + " whole). If nothing of it remains, or you undid it by hand, run `npx prisma migrate"
            + " resolve --rolled-back "
            + name
            + "` and deploy again; if you completed it by hand, run `npx prisma migrate resolve"
            + " --applied "
            + name
            + "`.";
    return new DirtyState(HistoryFormat.PRISMA, what, wayOut);
  }

  private static String excerpt(String logs) {
    String oneLine = logs.strip().replaceAll("\\s+", " ");
    return oneLine.length() <= LOG_EXCERPT ? oneLine : oneLine.substring(0, LOG_EXCERPT) + "…";
  }
}
