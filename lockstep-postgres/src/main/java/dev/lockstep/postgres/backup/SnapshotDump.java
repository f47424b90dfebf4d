package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.PgPassFile;
import dev.lockstep.postgres.PgTools;
import dev.lockstep.postgres.internal.Command;
import dev.lockstep.postgres.internal.CommandResult;
import dev.lockstep.postgres.internal.TableRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * pg_dump of one database, with its row counts taken in the very same snapshot: a REPEATABLE READ
 * transaction exports its snapshot, counts every table, and stays open while pg_dump reads that
 * snapshot ({@code --snapshot}). Writes that land meanwhile are in neither the counts nor the dump.
 */
final class SnapshotDump {
  private static final Duration POLL = Duration.ofMillis(200);

  private final PgTools tools;
  private final Progress.Factory progress;

  SnapshotDump(PgTools tools, Progress.Factory progress) {
    this.tools = tools;
    this.progress = progress;
  }

  /** What the snapshot saw, and how pg_dump ended. */
  record Outcome(String serverVersion, Map<String, Long> tableRows, CommandResult pgDump) {}

  Outcome dump(DatabaseConfig db, BackupRequest request, Path target) throws SQLException {
    try (Connection snapshot = new Database(db).connect()) {
      snapshot.setAutoCommit(false);
      snapshot.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      snapshot.setReadOnly(true);
      String snapshotId = queryString(snapshot, "SELECT pg_export_snapshot()");
      Map<String, Long> rows = TableRows.count(snapshot);
      String version = queryString(snapshot, "SHOW server_version").split(" ")[0];
      long estimate =
          Long.parseLong(
              queryString(snapshot, "SELECT pg_database_size(current_database())::text"));
      CommandResult result = runPgDump(db, request, snapshotId, target, estimate);
      snapshot.rollback();
      return new Outcome(version, rows, result);
    }
  }

  private CommandResult runPgDump(
      DatabaseConfig db, BackupRequest request, String snapshotId, Path target, long estimate) {
    List<String> argv = new ArrayList<>();
    argv.add(tools.pgDump().toString());
    argv.add("--host=" + db.host());
    argv.add("--port=" + db.port());
    argv.add("--username=" + db.user());
    argv.add("--dbname=" + db.name());
    argv.add("--no-password");
    argv.add("--snapshot=" + snapshotId);
    if (request.format() == BackupConfig.DumpFormat.DIRECTORY) {
      argv.add("--format=directory");
      argv.add("--jobs=" + request.jobs());
    } else {
      argv.add("--format=custom");
    }
    argv.add("--file=" + target);
    try (PgPassFile pass = PgPassFile.create(db);
        Progress bar = progress.start("backup " + db.name(), estimate, Progress.Unit.BYTES)) {
      CommandResult result =
          Command.of(argv)
              .env(pass.environment())
              .every(POLL, () -> bar.update(sizeOf(target)))
              .run();
      if (result.succeeded()) {
        // The estimate is the size on disk; a compressed dump is smaller. End the bar at 100%.
        long written = sizeOf(target);
        bar.total(written);
        bar.update(written);
      }
      return result;
    }
  }

  private static String queryString(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  /** Bytes written so far: the file, or every file of the folder for the directory format. */
  static long sizeOf(Path target) {
    try (Stream<Path> files = Files.walk(target)) {
      return files.filter(Files::isRegularFile).mapToLong(SnapshotDump::sizeOrZero).sum();
    } catch (IOException | UncheckedIOException e) {
      // pg_dump has not created it yet, or is replacing a file while we look.
      return 0;
    }
  }

  private static long sizeOrZero(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }
}
