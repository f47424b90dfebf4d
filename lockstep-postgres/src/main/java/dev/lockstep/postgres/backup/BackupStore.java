package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.DatabaseConfig;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The backups of Postgres databases in one folder: one sub-folder per backup, named by its id,
 * holding the dump, {@code manifest.json} (sha256 of every file, rows per table) and, once it was
 * restored into a scratch database, {@code verification.json}.
 *
 * <p>Passwords reach pg_dump and pg_restore only through a {@link
 * dev.lockstep.postgres.PgPassFile}.
 */
public final class BackupStore {
  private final BackupLayout layout;
  private final BackupCreator creator;
  private final BackupVerifier verifier;
  private final BackupRestorer restorer;

  public BackupStore(Path backupsDir, PgTools tools, Progress.Factory progress) {
    this(backupsDir, tools, progress, Clock.systemUTC());
  }

  BackupStore(Path backupsDir, PgTools tools, Progress.Factory progress, Clock clock) {
    this.layout = new BackupLayout(backupsDir.toAbsolutePath().normalize());
    int jobs = Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    PgRestoreRun pgRestore = new PgRestoreRun(tools, progress, jobs);
    this.creator = new BackupCreator(layout, tools, progress, clock);
    this.verifier = new BackupVerifier(layout, pgRestore, progress, clock);
    this.restorer = new BackupRestorer(layout, pgRestore, progress, clock);
  }

  /**
   * Takes a consistent backup: the row counts and the dump come from one snapshot. Throws
   * BACKUP_FAILED, leaving no folder behind, when anything goes wrong.
   */
  public BackupManifest create(DatabaseConfig db, BackupRequest request) {
    return creator.create(db, request);
  }

  /** Complete backups, newest first. */
  public List<BackupSummary> list() {
    return layout.ids().stream()
        .map(this::summary)
        .sorted(
            Comparator.comparing(BackupSummary::createdAt)
                .thenComparing(BackupSummary::id)
                .reversed())
        .toList();
  }

  /** The manifest of backup {@code id}; BACKUP_UNKNOWN, listing the known ids, if there is none. */
  public BackupManifest get(String id) {
    return layout.manifest(id);
  }

  /** The folder of backup {@code id}. */
  public Path folder(String id) {
    layout.manifest(id);
    return layout.folder(id);
  }

  /** The last verification of backup {@code id}, if it was ever verified. */
  public Optional<VerificationResult> lastVerification(String id) {
    layout.manifest(id);
    return layout.verification(id);
  }

  /**
   * Checks the sha256 of every file, restores the backup into a scratch database on {@code db}'s
   * server ({@code lockstep_verify_<id>}, dropped afterwards) and compares the rows of every table
   * with the manifest. The result is written to {@code verification.json}.
   *
   * <p>A backup that restores with different row counts, or does not restore, is returned with
   * {@code verified == false} and the reasons in {@code problems}: the caller decides whether that
   * stops it. Changed, missing or extra files throw {@link BackupTamperedException} instead (after
   * recording the failed verification), because such a backup must never be used. Failures of the
   * server itself (no CREATEDB privilege, unreachable) throw BACKUP_VERIFY_FAILED.
   */
  public VerificationResult verify(String id, DatabaseConfig db) {
    return verifier.verify(id, db);
  }

  /**
   * Replaces database {@code db} with backup {@code id}: refuses a tampered backup, ends other
   * sessions, drops and re-creates the database owned by {@code db.user()}, restores, and checks
   * the row counts. Throws RESTORE_FAILED saying what state the database is in. Stopping the
   * services that use the database first is the caller's job.
   */
  public RestoreResult restore(String id, DatabaseConfig db) {
    return restorer.restore(id, db);
  }

  private BackupSummary summary(String id) {
    BackupManifest manifest = layout.manifest(id);
    Optional<VerificationResult> verification = layout.verification(id);
    return new BackupSummary(
        id,
        manifest.createdAt(),
        manifest.runId(),
        manifest.release(),
        manifest.database(),
        manifest.totalBytes(),
        verification.map(VerificationResult::verified).orElse(false),
        verification
            .filter(VerificationResult::verified)
            .map(VerificationResult::verifiedAt)
            .orElse(null));
  }
}
