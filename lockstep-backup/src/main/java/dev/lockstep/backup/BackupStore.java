package dev.lockstep.backup;

import dev.lockstep.backup.shell.ShellCommand;
import dev.lockstep.core.api.Progress;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.config.StoreConfig;
import dev.lockstep.postgres.PgTools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The backup sets of a deployment, in one folder: one sub-folder per set, named by its id, holding
 * {@code manifest.json} (the {@link BackupSet}: every part, every stored file with its sha256, the
 * rows and content hash of every table), {@code verification.json} once it was verified, {@code
 * encryption.json} when it is encrypted (each with its own {@code formatVersion}: a set written by
 * an earlier Lockstep is read, one written by a later one is refused), and one folder per part
 * ({@code postgres/<store>/}, {@code files/<store>/}, {@code command/<store>/}). Folders are 0700,
 * files 0600.
 *
 * <p>Passwords reach pg_dump and pg_restore only through a {@link
 * dev.lockstep.core.secrets.PgPassFile} in the state folder; the encryption key never leaves
 * memory. Callers hold the deployment's state lock: two stores on one folder must not work at the
 * same time.
 */
public final class BackupStore {
  private final BackupServices services;

  public BackupStore(Path dir, BackupConfig settings, PgTools tools, Progress.Factory progress) {
    this(dir, settings, tools, progress, Clock.systemUTC());
  }

  public BackupStore(
      Path dir, BackupConfig settings, PgTools tools, Progress.Factory progress, Clock clock) {
    this.services =
        new BackupServices(
            new SetLayout(dir.toAbsolutePath().normalize()),
            settings,
            new SetEncryption(settings.encryptionKey()),
            tools,
            progress,
            clock,
            ShellCommand.DEADLINE);
  }

  /**
   * Backs up every store under one id: each PostgreSQL database with pg_dump (rows and content hash
   * of every table taken in the dump's snapshot), each folder as a tar archive with the checksum of
   * every file, each command store through its dump command. Throws BACKUP_FAILED, naming the store
   * and the cause, and leaves nothing behind, when anything fails.
   */
  public BackupSet create(List<StoreConfig> stores, BackupRequest request) {
    return new SetCreator(services).create(stores, request);
  }

  /** Complete sets, newest first. */
  public List<BackupSummary> list() {
    return services.layout().ids().stream()
        .map(this::summary)
        .sorted(
            Comparator.comparing(BackupSummary::createdAt)
                .thenComparing(BackupSummary::id)
                .reversed())
        .toList();
  }

  /** The manifest of set {@code id}; BACKUP_UNKNOWN, listing the known ids, if there is none. */
  public BackupSet get(String id) {
    return services.layout().manifest(id);
  }

  /** The folder of set {@code id}. */
  public Path folder(String id) {
    services.layout().manifest(id);
    return services.layout().folder(id);
  }

  /**
   * Checks the sha256 of every stored file, then restores every part into a scratch place (a
   * scratch database on the store's server, a scratch folder, the store's scratchLoad command) and
   * compares it with the manifest. The result is written to {@code verification.json}.
   *
   * <p>A part that restores differently, or not at all, makes the result {@code verified == false}
   * with the reasons in {@code problems}. Changed, missing or extra files throw {@link
   * BackupTamperedException} (after recording the failed verification). A missing or wrong key
   * throws CONFIG_INVALID; a scratch place that cannot be made throws BACKUP_VERIFY_FAILED.
   *
   * @param stores the configured stores, which say where each part can be test-restored
   */
  public VerificationResult verify(String id, List<StoreConfig> stores) {
    return new SetVerifier(services).verify(id, stores);
  }

  /** The last verification of set {@code id}, if it was ever verified. */
  public Optional<VerificationResult> lastVerification(String id) {
    services.layout().manifest(id);
    return services.layout().verification(id);
  }

  /**
   * Replaces every store of set {@code id} with its backed-up state. Refuses (RESTORE_REFUSED) when
   * a part's store is not configured, a tampered set (BACKUP_TAMPERED) and a wrong key
   * (CONFIG_INVALID) before anything is touched. Stopping the services first is the caller's job.
   */
  public RestoreResult restore(String id, List<StoreConfig> stores) {
    return new SetRestorer(services).restore(id, stores, store -> true, true, Map.of());
  }

  /** As {@link #restore(String, List)}, for only the parts whose store {@code which} accepts. */
  public RestoreResult restore(String id, List<StoreConfig> stores, Predicate<StoreConfig> which) {
    return restore(id, stores, which, Map.of());
  }

  /**
   * As {@link #restore(String, List, Predicate)}, renaming the live database of each store in
   * {@code keepAside} to the name given there instead of dropping it: what a rollback replaces
   * stays on the server until the operator drops it. A restore repeated after a crash finds the
   * database already kept aside and does not rename twice.
   */
  public RestoreResult restore(
      String id,
      List<StoreConfig> stores,
      Predicate<StoreConfig> which,
      Map<String, String> keepAside) {
    return new SetRestorer(services).restore(id, stores, which, false, keepAside);
  }

  /**
   * Deletes the sets {@code policy} does not keep; never one in {@code protectedIds} (the sets of
   * runs that are not finished). With {@code dryRun}, only says what it would delete.
   */
  public PruneResult prune(
      BackupConfig.Retention policy, Set<String> protectedIds, boolean dryRun) {
    return new Pruner(services.layout()).prune(list(), policy, protectedIds, dryRun);
  }

  private BackupSummary summary(String id) {
    BackupSet set = services.layout().manifest(id);
    Optional<VerificationResult> verification = services.layout().verification(id);
    return new BackupSummary(
        id,
        set.createdAt(),
        set.runId(),
        set.release(),
        set.purpose(),
        set.totalBytes(),
        set.parts().stream().map(BackupPart::store).toList(),
        verification.map(VerificationResult::verified).orElse(false),
        verification
            .filter(VerificationResult::verified)
            .map(VerificationResult::verifiedAt)
            .orElse(null));
  }
}
