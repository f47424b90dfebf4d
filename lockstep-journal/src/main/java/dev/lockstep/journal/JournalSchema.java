package dev.lockstep.journal;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * The journal's own format version, and the way from any older version to this Lockstep's.
 *
 * <p>The version is SQLite's {@code PRAGMA user_version}, not a table: it lives in the file's
 * header, so it can be read from any file before knowing its tables (an empty one, one from a newer
 * Lockstep), it changes in the same transaction as a migration's statements, and a journal from
 * before versions simply reads 0 with nothing to create first. {@code sqlite3 journal.db 'PRAGMA
 * user_version'} shows it to an operator.
 */
final class JournalSchema {
  static final JournalSchema CURRENT = new JournalSchema(JournalMigrations.ALL);

  private final List<JournalMigration> migrations;
  private final int currentVersion;

  JournalSchema(List<JournalMigration> migrations) {
    int version = 1;
    for (JournalMigration migration : migrations) {
      if (migration.from() != version) {
        throw new IllegalStateException(
            "journal migrations must go 1 -> 2 -> 3 ...; found "
                + migration.from()
                + " -> "
                + migration.to()
                + " after version "
                + version);
      }
      version = migration.to();
    }
    this.migrations = List.copyOf(migrations);
    this.currentVersion = version;
  }

  int currentVersion() {
    return currentVersion;
  }

  /**
   * The file's format version: its {@code user_version}; 1 for a journal from before versions (it
   * has the tables but reads 0); 0 for an empty file.
   */
  int versionOf(JournalConnection db) {
    int stamped = db.queryInt("PRAGMA user_version");
    if (stamped != 0) {
      return stamped;
    }
    return db.queryInt("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'runs'")
            > 0
        ? 1
        : 0;
  }

  /** Refuses a journal that a newer Lockstep wrote, before anything is written to it. */
  void refuseNewer(JournalConnection db, Path file) {
    int found = versionOf(db);
    if (found > currentVersion) {
      throw tooNew(file, found);
    }
  }

  /**
   * Creates the current format in an empty file, or migrates an older one forward after keeping a
   * copy of it beside it ({@code journal.db.v1.bak}). {@code file} is null for a journal in memory.
   */
  Optional<JournalUpgrade> bringUpToDate(JournalConnection db, Path file) {
    if (versionOf(db) == 0 && db.inTransaction(() -> createIfEmpty(db))) {
      return Optional.empty();
    }
    int found = versionOf(db);
    if (found > currentVersion) {
      throw tooNew(file, found); // a newer Lockstep got to it since refuseNewer
    }
    if (found == currentVersion) {
      return Optional.empty();
    }
    Path backup = file == null ? null : keepCopy(db, file, found);
    if (db.queryInt("PRAGMA user_version") == 0) {
      // What the Lockstep before versions ran on every open; it repairs a file it left half made.
      db.inTransaction(() -> JournalMigrations.BASELINE.forEach(db::execute));
    }
    for (JournalMigration migration : migrations) {
      if (migration.from() >= found) {
        apply(db, migration, file, backup);
      }
    }
    return Optional.of(new JournalUpgrade(file, found, currentVersion, backup));
  }

  /** A new journal starts at the current version directly: version 1 and every migration. */
  private boolean createIfEmpty(JournalConnection db) {
    if (versionOf(db) != 0) {
      return false; // another process created it first
    }
    JournalMigrations.BASELINE.forEach(db::execute);
    migrations.forEach(migration -> migration.statements().forEach(db::execute));
    db.execute("PRAGMA user_version = " + currentVersion);
    return true;
  }

  private void apply(JournalConnection db, JournalMigration migration, Path file, Path backup) {
    try {
      db.inTransaction(
          () -> {
            int at = versionOf(db);
            if (at >= migration.to()) {
              return; // another process migrated it first
            }
            migration.statements().forEach(db::execute);
            db.execute("PRAGMA user_version = " + migration.to());
          });
    } catch (LockstepException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "Cannot migrate the journal "
              + (file == null ? "in memory" : file)
              + " from format version "
              + migration.from()
              + " to "
              + migration.to()
              + " ("
              + migration.description()
              + "): "
              + e.getMessage()
              + ". The journal was left at version "
              + migration.from()
              + ", unchanged"
              + (backup == null ? "" : "; a copy of it is kept as " + backup)
              + ". Check that the state folder is writable and the disk not full, then run"
              + " Lockstep again.",
          e);
    }
  }

  /**
   * Copies the journal to {@code journal.db.v<version>.bak} beside it: a consistent snapshot
   * (VACUUM INTO reads it in one transaction, the write-ahead log included), synced, and put in
   * place by a rename, so a copy is always whole. An older copy of the same version is replaced:
   * the newest is the one an operator going back needs.
   */
  private static Path keepCopy(JournalConnection db, Path file, int version) {
    Path backup = file.resolveSibling(file.getFileName() + ".v" + version + ".bak");
    Path partial =
        file.resolveSibling(backup.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
    try {
      Files.deleteIfExists(partial);
      db.update("VACUUM INTO ?", partial.toString());
      try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
        channel.force(true);
      }
      Files.move(
          partial, backup, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return backup;
    } catch (IOException | LockstepException e) {
      throw new LockstepException(
          ErrorCode.INTERNAL,
          "Cannot keep a copy of the journal "
              + file
              + " as "
              + backup
              + " before migrating it from format version "
              + version
              + ": "
              + e.getMessage()
              + ". Nothing was migrated. Check that the state folder is writable and has room"
              + " for a second copy of the journal.",
          e);
    }
  }

  private LockstepException tooNew(Path file, int found) {
    Path backup =
        file == null
            ? null
            : file.resolveSibling(file.getFileName() + ".v" + currentVersion + ".bak");
    String goBack =
        backup != null && Files.exists(backup)
            ? " To go back to this Lockstep instead, stop every Lockstep process, move "
                + file
                + " (with its -wal and -shm files, if any) aside and copy "
                + backup
                + " (the journal as it was before the newer Lockstep migrated it; later runs are"
                + " not in it) to "
                + file
                + "."
            : " No copy for this version (" + backup + ") is beside it.";
    return new LockstepException(
        ErrorCode.FORMAT_TOO_NEW,
        "The journal "
            + file
            + " has format version "
            + found
            + ", but this Lockstep knows versions up to "
            + currentVersion
            + ": a newer Lockstep wrote it. Nothing was changed. Use that newer Lockstep (or a"
            + " later one)."
            + goBack);
  }
}
