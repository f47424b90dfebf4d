package dev.lockstep.engine.release;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.manifest.HistoryRef;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.engine.steps.ReleaseHistory;
import dev.lockstep.history.AlembicRevisions;
import dev.lockstep.history.HistoryEntry;
import dev.lockstep.history.HistoryFormat;
import dev.lockstep.history.HistoryReader;
import dev.lockstep.history.MigrationHistory;
import dev.lockstep.postgres.Database;
import dev.lockstep.schema.diff.SchemaChange;
import java.math.BigInteger;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lockstep release import}: a manifest's migrations from a database's history table, as the
 * product's tool recorded them, so that a vendor does not copy 150 ids by hand. Only reads.
 */
public final class HistoryImport {

  /**
   * One migration to declare, as the tool records it.
   *
   * @param measured its class as measured on a throwaway server ({@code --observe}), or null
   */
  public record ImportedScript(
      String id, String description, Instant appliedAt, Measurement measured) {

    public ImportedScript(String id, String description, Instant appliedAt) {
      this(id, description, appliedAt, null);
    }
  }

  /**
   * What running a migration's SQL on a throwaway server, after the migrations before it, showed.
   *
   * @param file the SQL that ran
   * @param type the class of the schema change it made, by the rules of {@code release lint
   *     --observe}
   * @param changes every change it made, each with its class and why
   */
  public record Measurement(String file, MigrationClass type, List<SchemaChange> changes) {

    public Measurement {
      changes = List.copyOf(changes);
    }
  }

  /**
   * @param format the tool, as a manifest writes it ({@code knex})
   * @param table the table as given (null for the tool's default); {@code read} is where it was
   * @param baseline the id the list starts after (null: from the first recorded migration)
   * @param scripts the migrations after the baseline that succeeded, in the order applied
   * @param unfinished the ids left out because the tool records them as failed or unfinished
   * @param measuredOn the server the classes were measured on ({@code PostgreSQL 16.4}), or null
   *     when they were not measured
   */
  public record ImportResult(
      String format,
      String table,
      String read,
      String baseline,
      List<ImportedScript> scripts,
      List<String> unfinished,
      String measuredOn) {

    public ImportResult {
      scripts = List.copyOf(scripts);
      unfinished = List.copyOf(unfinished);
    }

    public ImportResult(
        String format,
        String table,
        String read,
        String baseline,
        List<ImportedScript> scripts,
        List<String> unfinished) {
      this(format, table, read, baseline, scripts, unfinished, null);
    }
  }

  private HistoryImport() {}

  /**
   * @param since the last migration before the release's list (becomes {@code baseline}); null for
   *     all of them
   * @param alembicRevisions for Alembic, the folder of revision files (its table holds heads only)
   */
  public static ImportResult read(
      DatabaseConfig database,
      String lockstepTable,
      String format,
      String table,
      String since,
      Path alembicRevisions) {
    HistoryFormat tool = format(format);
    if (tool == HistoryFormat.ALEMBIC && alembicRevisions == null) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "Alembic's table holds only the current head, not the list of revisions. Give the"
              + " folder of the revision files with --location (e.g. alembic/versions). Nothing was"
              + " written.");
    }
    MigrationHistory history;
    try (Connection connection = new Database(database).connect()) {
      history = new HistoryReader(connection, lockstepTable).read(tool, table);
    } catch (SQLException e) {
      throw new LockstepException(
          ErrorCode.DATABASE_UNREACHABLE,
          "Could not read the " + tool.label() + " history table: " + e.getMessage() + ".",
          e);
    }
    if (alembicRevisions != null) {
      history = AlembicRevisions.read(alembicRevisions).applied(history);
    }
    List<HistoryEntry> recorded = history.applied();
    int start = since == null ? 0 : position(recorded, since, history.table()) + 1;
    List<ImportedScript> scripts = new ArrayList<>();
    List<String> unfinished = new ArrayList<>();
    for (HistoryEntry entry : recorded.subList(start, recorded.size())) {
      if (entry.success()) {
        scripts.add(new ImportedScript(entry.id(), entry.description(), entry.appliedAt()));
      } else {
        unfinished.add(entry.id());
      }
    }
    return new ImportResult(format, table, history.table(), since, scripts, unfinished);
  }

  /**
   * The migrations of a tool's folder ({@code --folder}), named as the tool will record them, after
   * {@code since}: for a release no database has run yet.
   */
  public static ImportResult fromFolder(String format, String table, Path folder, String since) {
    List<String> ids = ChangelogFolder.ids(format(format), folder);
    List<ImportedScript> scripts =
        ids.subList(firstAfter(ids, since, folder), ids.size()).stream()
            .map(id -> new ImportedScript(id, null, null))
            .toList();
    return new ImportResult(format, table, folder.toString(), since, scripts, List.of());
  }

  /** The index of the first id after {@code since} (0 without it): where the list starts. */
  static int firstAfter(List<String> ids, String since, Path folder) {
    if (since == null) {
      return 0;
    }
    int found = -1;
    for (int i = 0; i < ids.size(); i++) {
      if (same(ids.get(i), since)) {
        found = i;
      }
    }
    if (found < 0) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--since "
              + since
              + " is not a migration of "
              + folder
              + " ("
              + (ids.isEmpty() ? "it has none" : ids.get(0) + " … " + ids.get(ids.size() - 1))
              + "). Name the last migration before the release's list as the tool records it."
              + " Nothing was written.");
    }
    return found + 1;
  }

  static HistoryFormat format(String format) {
    if (format == null || !HistoryRef.FORMATS.contains(format)) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--format '"
              + format
              + "' is not a tool Lockstep reads. Use one of "
              + HistoryRef.FORMATS
              + ". Nothing was written.");
    }
    return ReleaseHistory.format(new HistoryRef(format, null));
  }

  private static int position(List<HistoryEntry> recorded, String since, String table) {
    int found = -1;
    for (int i = 0; i < recorded.size(); i++) {
      if (same(recorded.get(i).id(), since)) {
        found = i;
      }
    }
    if (found < 0) {
      throw new LockstepException(
          ErrorCode.USAGE,
          "--since "
              + since
              + " is not recorded in "
              + table
              + (recorded.isEmpty()
                  ? ", which is empty"
                  : " (it records "
                      + recorded.get(0).id()
                      + " … "
                      + recorded.get(recorded.size() - 1).id()
                      + ")")
              + ". Name the last migration before the release's list as the table spells it."
              + " Nothing was written.");
    }
    return found;
  }

  private static boolean same(String recorded, String given) {
    return recorded.equals(given)
        || (recorded.matches("\\d+")
            && given.matches("\\d+")
            && new BigInteger(recorded).equals(new BigInteger(given)));
  }
}
