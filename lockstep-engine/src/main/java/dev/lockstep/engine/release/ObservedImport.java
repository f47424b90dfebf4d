package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.engine.release.HistoryImport.ImportResult;
import dev.lockstep.engine.release.HistoryImport.ImportedScript;
import dev.lockstep.engine.release.HistoryImport.Measurement;
import dev.lockstep.history.HistoryFormat;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ThrowawayPostgres;
import dev.lockstep.schema.lint.MigrationLinter;
import dev.lockstep.schema.snapshot.SchemaReader;
import dev.lockstep.schema.snapshot.SchemaSnapshot;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * {@code release import --folder DIR --observe}: the folder's migrations, each with its class
 * measured. Every migration's SQL runs in order on one throwaway PostgreSQL, the baseline's first
 * (so that the listed ones meet the schema they expect), and each listed one's schema change is
 * classed as {@code release lint --observe} classes it. Only SQL migrations can run; a tool whose
 * migrations are code is refused before any server starts.
 */
public final class ObservedImport {
  private static final AtomicInteger INVOCATIONS = new AtomicInteger();

  private final Supplier<ThrowawayPostgres> servers;

  public ObservedImport() {
    this(ThrowawayPostgres::start);
  }

  /**
   * @param servers starts the throwaway server; it is asked once per call, and the server is closed
   *     (deleted) when the call ends
   */
  public ObservedImport(Supplier<ThrowawayPostgres> servers) {
    this.servers = servers;
  }

  /**
   * Refuses {@code --observe} without {@code --folder}: a history table holds the ids, not the SQL
   * to run.
   */
  public static void requireFolder(String format, Path folder) {
    if (folder != null) {
      return;
    }
    CodeMigrations.refuseObserving(HistoryImport.format(format));
    throw new LockstepException(
        ErrorCode.USAGE,
        "release import --observe runs each migration's SQL, and a history table records only"
            + " which migrations ran. Give the tool's migrations folder with --folder DIR (the one"
            + " the release ships), or leave --observe out. Nothing was written.");
  }

  /** On a server started for this call. */
  public ImportResult fromFolder(String format, String table, Path folder, String since) {
    Listed listed = listed(format, folder, since);
    try (ThrowawayPostgres server = servers.get()) {
      return measure(server, format, table, folder, since, listed);
    }
  }

  /** On a server the caller keeps: it is left running, without the database this call made. */
  public ImportResult fromFolder(
      String format, String table, Path folder, String since, ThrowawayPostgres server) {
    return measure(server, format, table, folder, since, listed(format, folder, since));
  }

  /** Every migration's SQL and where the list starts. */
  private record Listed(List<UpSql.Script> scripts, int first) {}

  /** Read before any server starts: a bad file stops the import there. */
  private static Listed listed(String format, Path folder, String since) {
    HistoryFormat tool = HistoryImport.format(format);
    CodeMigrations.refuseObserving(tool);
    List<ChangelogFolder.Entry> entries = ChangelogFolder.entries(tool, folder);
    int first =
        HistoryImport.firstAfter(
            entries.stream().map(ChangelogFolder.Entry::id).toList(), since, folder);
    return new Listed(entries.stream().map(entry -> UpSql.of(tool, entry)).toList(), first);
  }

  private static ImportResult measure(
      ThrowawayPostgres server,
      String format,
      String table,
      Path folder,
      String since,
      Listed listed) {
    String name =
        "lockstep_import_" + ProcessHandle.current().pid() + "_" + INVOCATIONS.getAndIncrement();
    server.createDatabase(name);
    ImportResult result;
    try {
      Database database = new Database(server.database(name));
      String measuredOn = "PostgreSQL " + database.serverVersion();
      List<ImportedScript> scripts = new ArrayList<>();
      try (Connection scratch = database.connect()) {
        MigrationLinter linter = new MigrationLinter();
        SchemaSnapshot before = SchemaReader.read(scratch);
        for (int i = 0; i < listed.scripts().size(); i++) {
          UpSql.Script script = listed.scripts().get(i);
          MigrationMeasure.Measured measured =
              MigrationMeasure.run(linter, scratch, script.sql(), before, "import");
          if (measured.failed()) {
            throw failed(script, i, measuredOn, measured.error());
          }
          if (i >= listed.first()) {
            scripts.add(
                new ImportedScript(
                    script.id(),
                    null,
                    null,
                    new Measurement(
                        script.file().toString(),
                        measured.observation().measured(),
                        measured.observation().changes())));
          }
          before = measured.after();
        }
      } catch (SQLException e) {
        throw new LockstepException(
            ErrorCode.INTERNAL,
            "The throwaway server for release import --observe failed: " + e.getMessage(),
            e);
      }
      result =
          new ImportResult(format, table, folder.toString(), since, scripts, List.of(), measuredOn);
    } catch (RuntimeException e) {
      // A drop that fails too must not hide why the import failed.
      try {
        server.dropDatabase(name);
      } catch (RuntimeException dropFailure) {
        e.addSuppressed(dropFailure);
      }
      throw e;
    }
    server.dropDatabase(name);
    return result;
  }

  private static LockstepException failed(
      UpSql.Script script, int index, String server, String error) {
    return new LockstepException(
        ErrorCode.MIGRATION_FAILED,
        "Migration "
            + script.id()
            + " ("
            + script.file()
            + ") failed on a throwaway "
            + server
            + (index == 0
                ? ", as the first migration"
                : ", after the "
                    + index
                    + (index == 1 ? " migration" : " migrations")
                    + " before it")
            + ": "
            + error
            + ". Fix the migration (it would fail the same way in production), or give the folder"
            + " that holds every migration before it. Nothing was written.");
  }
}
