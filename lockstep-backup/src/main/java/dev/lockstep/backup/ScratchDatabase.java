package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.ServerAdmin;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Optional;

/** A database made for a verification's test restore, and dropped after it. */
final class ScratchDatabase {
  /** SQL state of CREATE DATABASE when the name is taken. */
  private static final String DUPLICATE_DATABASE = "42P04";

  private ScratchDatabase() {}

  interface Work<T> {
    T run(DatabaseConfig scratch) throws IOException, SQLException;
  }

  /**
   * Runs {@code work} against a new, empty database {@code scratch} on {@code db}'s server, and
   * drops it afterwards whatever happens. A leftover of the same name (a verification killed
   * midway) is dropped, then made anew.
   */
  static <T> T with(DatabaseConfig db, String scratch, Work<T> work)
      throws IOException, SQLException {
    ServerAdmin admin = new ServerAdmin(new Database(db), ErrorCode.BACKUP_VERIFY_FAILED);
    Optional<ServerAdmin.Settings> settings = admin.settingsOf(db.name());
    // Created first and dropped only if it was there: a leftover is rare, and asking first took
    // a connection of its own every time.
    try {
      admin.create(scratch, db.user(), settings);
    } catch (LockstepException e) {
      if (!(e.getCause() instanceof SQLException sql
          && DUPLICATE_DATABASE.equals(sql.getSQLState()))) {
        throw e;
      }
      admin.drop(scratch);
      admin.create(scratch, db.user(), settings);
    }
    T result;
    try {
      result = work.run(db.withName(scratch));
    } catch (Throwable e) {
      try {
        admin.drop(scratch);
      } catch (RuntimeException dropFailure) {
        // The first failure is the one to report; this one only explains a leftover database.
        e.addSuppressed(dropFailure);
      }
      throw e;
    }
    admin.drop(scratch);
    return result;
  }
}
