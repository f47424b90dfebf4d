package dev.lockstep.backup;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig.DumpFormat;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.core.io.SecureFiles;
import dev.lockstep.core.process.ProcessResult;
import dev.lockstep.postgres.Database;
import dev.lockstep.postgres.dump.DumpOptions;
import dev.lockstep.postgres.dump.DumpResult;
import dev.lockstep.postgres.dump.PgRestore;
import dev.lockstep.postgres.dump.Readers;
import dev.lockstep.postgres.dump.SnapshotDump;
import dev.lockstep.postgres.dump.TableFingerprint;
import dev.lockstep.postgres.dump.TableFingerprints;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A PostgreSQL database: pg_dump (directory or custom format) in an exported snapshot, with the row
 * count and content hash of every table read in that snapshot; verified by a real restore into a
 * scratch database ({@code lockstep_verify_<id>_<n>}) whose tables are hashed the same way.
 */
final class PostgresPart implements PartHandler {
  /** The custom-format dump inside the part's folder; the directory format fills the folder. */
  static final String CUSTOM_FILE = "database.dump";

  @Override
  public BackupPart create(StoreConfig store, SetWork work) throws IOException, SQLException {
    DatabaseConfig db = store.database();
    String folder = BackupPart.folderOf(StoreConfig.Kind.POSTGRES, store.name());
    Path partFolder = work.files().folder().resolve(folder);
    SecureFiles.createDirectories(partFolder);
    DumpFormat format =
        work.settings().format() == null ? DumpFormat.DIRECTORY : work.settings().format();
    // pg_dump fills an existing empty folder: created 0700 here, it never exposes the dump.
    Path target = format == DumpFormat.DIRECTORY ? partFolder : partFolder.resolve(CUSTOM_FILE);
    DumpOptions options =
        new DumpOptions(format, work.settings().jobs(), work.settings().compression());
    // A directory dump is hashed while pg_dump writes it; an encrypted one is encrypted after, and
    // pg_dump goes back to the start of a custom-format file to fill in its table of contents.
    boolean follow = format == DumpFormat.DIRECTORY && !work.files().encrypted();
    DumpResult dump;
    List<BackupFile> files;
    try (FollowedFiles followed =
        follow ? FollowedFiles.start(work.files().folder(), folder, FollowedFiles.EVERY) : null) {
      dump =
          new SnapshotDump(work.tools(), work.progress()).dump(db, options, target, store.name());
      try (Progress bar = work.progress().start(sealTask(work, store), 0, Progress.Unit.BYTES)) {
        files =
            followed != null
                ? followed.finish(bar)
                : work.files().sealAll(folder, bar, Math.max(1, work.settings().jobs()));
      }
    }
    Map<String, TableFacts> tables = new TreeMap<>();
    dump.tables().forEach((name, f) -> tables.put(name, new TableFacts(f.rows(), f.contentHash())));
    return new BackupPart(
        store.name(),
        StoreConfig.Kind.POSTGRES,
        db.name(),
        format == DumpFormat.DIRECTORY ? BackupPart.DIRECTORY : BackupPart.CUSTOM,
        dump.serverVersion(),
        files.stream().mapToLong(BackupFile::size).sum(),
        files,
        tables);
  }

  @Override
  public PartVerification verify(BackupPart part, StoreConfig store, SetWork work, int ordinal)
      throws IOException, SQLException {
    if (store == null || store.kind() != StoreConfig.Kind.POSTGRES) {
      return notVerified(
          part,
          "the configuration has no postgres store '"
              + part.store()
              + "', so Lockstep does not know which server to test the restore on;"
              + " add it to stores");
    }
    DatabaseConfig db = store.database();
    String scratch = "lockstep_verify_" + work.id().replace('-', '_') + "_" + ordinal;
    Path temporary = work.temporaryFolder("verify-" + part.store());
    PartVerification result;
    try {
      Path dump = readable(part, work, temporary);
      result =
          ScratchDatabase.with(
              db, scratch, into -> restoreAndCompare(part, into, db.name(), dump, work));
    } catch (Throwable e) {
      SetWork.delete(temporary, e);
      throw e;
    }
    SetWork.delete(temporary, null);
    return result;
  }

  /**
   * Restores into {@code scratch} and hashes its tables. The hashing connections are opened while
   * pg_restore runs, and the progress estimate (the size of {@code live}) is read on the restore's
   * own probe: each of the two was a connection made while nothing else ran.
   *
   * <p>The tables are hashed after pg_restore ends, not while it builds the indexes: measured on
   * the 2-core bench machine, hashing during the post-data section was slower than after it, even
   * with a core to spare, because {@code ADD PRIMARY KEY} locks its table whole and the two waited
   * for each other.
   */
  private PartVerification restoreAndCompare(
      BackupPart part, DatabaseConfig scratch, String live, Path dump, SetWork work)
      throws SQLException {
    PgRestore pgRestore = new PgRestore(work.tools(), work.progress(), work.settings().jobs());
    TableFingerprints fingerprints = new TableFingerprints(scratch, work.settings().jobs());
    try (Readers readers = fingerprints.openAhead()) {
      ProcessResult restored =
          pgRestore.restoreLike(dump, scratch, live, part.bytes(), "test restore " + part.store());
      if (!restored.succeeded()) {
        return notVerified(part, "the test restore failed: " + restored.describeFailure());
      }
      Map<String, TableFingerprint> found;
      try (Progress bar =
          work.progress().start("hash restored " + part.store(), 0, Progress.Unit.BYTES)) {
        found = fingerprints.computeWith(readers, bar);
      }
      List<TableComparison> tables = TableCheck.compare(part.tables(), found);
      List<String> differences = TableCheck.differences(tables, part.tables(), found);
      return new PartVerification(part.store(), differences.isEmpty(), tables, differences);
    }
  }

  @Override
  public Prepared prepareRestore(BackupPart part, StoreConfig store, SetWork work)
      throws IOException {
    PgRestore pgRestore = new PgRestore(work.tools(), work.progress(), work.settings().jobs());
    pgRestore.requireTool();
    Path temporary = work.temporaryFolder("restore-" + part.store());
    try {
      Path dump = readable(part, work, temporary);
      return new PostgresRestore(
          part,
          store.database(),
          dump,
          temporary,
          pgRestore,
          estimate(store.database(), part),
          work.keepAside().get(part.store()));
    } catch (Throwable e) {
      SetWork.delete(temporary, e);
      throw e;
    }
  }

  /**
   * The dump as pg_restore reads it: decrypted into {@code temporary} when the set is encrypted.
   */
  private static Path readable(BackupPart part, SetWork work, Path temporary) throws IOException {
    Path folder = work.files().readable(part, temporary, work.progress());
    return BackupPart.CUSTOM.equals(part.format()) ? folder.resolve(CUSTOM_FILE) : folder;
  }

  /** The restored size, for progress: the live database's, or the dump's if there is none. */
  private static long estimate(DatabaseConfig db, BackupPart part) {
    try {
      return new Database(db).sizeBytes();
    } catch (LockstepException e) {
      return part.bytes();
    }
  }

  private static String sealTask(SetWork work, StoreConfig store) {
    return (work.files().encrypted() ? "encrypt " : "checksum ") + store.name();
  }

  private static PartVerification notVerified(BackupPart part, String difference) {
    return new PartVerification(part.store(), false, List.of(), List.of(difference));
  }
}
