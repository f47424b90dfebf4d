package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import dev.lockstep.postgres.dump.PgRestore;
import dev.lockstep.postgres.dump.TableFingerprint;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Replaces a live database with a part of a backup: ends its sessions, drops it (or, for a
 * rollback, renames it aside so that what it held can still be read), creates it again owned by the
 * configured user, pg_restore, then counts the rows of every table. Every failure says what state
 * the database was left in. Stopping the services that use it is the caller's job.
 */
final class PostgresRestore implements PartHandler.Prepared {
  private final BackupPart part;
  private final DatabaseConfig db;
  private final Path dump;
  private final Path temporary;
  private final PgRestore pgRestore;
  private final long estimate;
  private final String keepAs;

  /**
   * @param keepAs the name the live database is renamed to instead of being dropped, or null
   */
  PostgresRestore(
      BackupPart part,
      DatabaseConfig db,
      Path dump,
      Path temporary,
      PgRestore pgRestore,
      long estimate,
      String keepAs) {
    this.part = part;
    this.db = db;
    this.dump = dump;
    this.temporary = temporary;
    this.pgRestore = pgRestore;
    this.estimate = estimate;
    this.keepAs = keepAs;
  }

  @Override
  public void apply() {
    Database target = new Database(db);
    ServerAdmin admin = new ServerAdmin(target, ErrorCode.RESTORE_FAILED);
    Optional<ServerAdmin.Settings> settings = admin.settingsOf(db.name());
    if (keepAs != null && settings.isEmpty()) {
      settings = admin.settingsOf(keepAs); // renamed aside before a crash
    }
    Optional<ServerAdmin.Settings> like = settings;
    boolean keepOwners = admin.isSuperuser();

    String untouched = "The database " + db + " was not changed.";
    if (keepAs == null) {
      step(target::terminateOtherConnections, untouched);
      step(() -> admin.drop(db.name()), untouched);
    } else {
      step(() -> keepAside(admin), untouched);
    }
    step(
        () -> admin.create(db.name(), db.user(), like),
        "The database "
            + db
            + (keepAs == null ? " was dropped" : " was renamed to " + keepAs)
            + " and could not be created again: it does not exist now."
            + " Fix the cause, then run the restore again; the backup is intact.");
    String partial =
        "The database "
            + db
            + " was dropped and re-created, and holds a partial restore that must not be used."
            + " Fix the cause, then run the restore again; the backup is intact.";
    ProcessResult result =
        pgRestore.restore(dump, db, keepOwners, estimate, "restore " + part.store());
    if (!result.succeeded()) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Restoring store '"
              + part.store()
              + "' failed: "
              + result.describeFailure()
              + "\n"
              + partial);
    }
    Map<String, TableFingerprint> rows = new TreeMap<>();
    fetch(target::rowCounts, partial)
        .forEach((table, count) -> rows.put(table, new TableFingerprint(count, null)));
    List<String> differences =
        TableCheck.differences(TableCheck.compare(part.tables(), rows), part.tables(), rows);
    if (!differences.isEmpty()) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Store '"
              + part.store()
              + "' was restored into "
              + db
              + " but its rows differ from the manifest:\n  - "
              + String.join("\n  - ", differences)
              + "\nThe database holds what pg_restore produced; check it before using it.");
    }
  }

  /**
   * Renames the live database to {@link #keepAs}. Run again after a crash, it finds it renamed
   * already: what is then under the live name is a partial restore, which is dropped.
   */
  private void keepAside(ServerAdmin admin) {
    boolean live = admin.exists(db.name());
    if (admin.exists(keepAs)) {
      if (live) {
        admin.drop(db.name());
      }
    } else if (live) {
      admin.rename(db.name(), keepAs);
    }
  }

  @Override
  public void close() {
    SetWork.delete(temporary, null);
  }

  private void step(Runnable action, String state) {
    fetch(
        () -> {
          action.run();
          return null;
        },
        state);
  }

  private <T> T fetch(Supplier<T> action, String state) {
    try {
      return action.get();
    } catch (LockstepException e) {
      throw new LockstepException(
          ErrorCode.RESTORE_FAILED,
          "Restoring store '" + part.store() + "' failed: " + e.getMessage() + "\n" + state,
          e);
    }
  }
}
