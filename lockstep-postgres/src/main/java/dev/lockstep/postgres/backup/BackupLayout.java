package dev.lockstep.postgres.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.config.BackupConfig;
import dev.lockstep.core.io.Json;
import dev.lockstep.postgres.internal.SecureFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live in the backups folder: one folder per backup named by its id, written as {@code
 * <id>.partial} until complete, with {@code manifest.json} and {@code verification.json}.
 */
final class BackupLayout {
  static final String MANIFEST = "manifest.json";
  static final String VERIFICATION = "verification.json";
  static final String PARTIAL = ".partial";
  private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;

  BackupLayout(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** {@code yyyyMMdd-HHmmss-xxxx}: sorts by time, and the random part keeps ids unique. */
  static String newId(Instant now) {
    byte[] random = new byte[2];
    RANDOM.nextBytes(random);
    return ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
  }

  Path folder(String id) {
    return root.resolve(id);
  }

  Path partialFolder(String id) {
    return root.resolve(id + PARTIAL);
  }

  /** The dump inside a backup folder: one file for the custom format, a folder for directory. */
  static String dumpPath(String database, BackupConfig.DumpFormat format) {
    String safe = database.replaceAll("[^A-Za-z0-9_.-]", "_");
    return "db/" + safe + (format == BackupConfig.DumpFormat.DIRECTORY ? "" : ".dump");
  }

  static Path dumpPath(Path folder, BackupManifest manifest) {
    BackupConfig.DumpFormat format =
        manifest.isDirectoryFormat()
            ? BackupConfig.DumpFormat.DIRECTORY
            : BackupConfig.DumpFormat.CUSTOM;
    return folder.resolve(dumpPath(manifest.database(), format));
  }

  /**
   * Deletes the partial folders of backups that never finished: a Lockstep killed while dumping
   * leaves one behind. Callers hold the deployment's state lock, so none is being written now.
   */
  void removeAbandonedPartials() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> children = Files.list(root)) {
      children
          .filter(path -> path.getFileName().toString().endsWith(PARTIAL))
          .forEach(SecureFiles::deleteTree);
    } catch (IOException e) {
      throw new LockstepException(ErrorCode.BACKUP_FAILED, "Cannot clean up " + root + ": " + e, e);
    }
  }

  /** Ids of complete backups, oldest first; partial folders are not backups. */
  List<String> ids() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<String> ids = new ArrayList<>();
    try (Stream<Path> children = Files.list(root)) {
      children
          .filter(Files::isDirectory)
          .map(p -> p.getFileName().toString())
          .filter(name -> ID.matcher(name).matches())
          .filter(name -> Files.isRegularFile(root.resolve(name).resolve(MANIFEST)))
          .sorted()
          .forEach(ids::add);
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.BACKUP_UNKNOWN, "Cannot list the backups in " + root + ": " + e, e);
    }
    return ids;
  }

  BackupManifest manifest(String id) {
    // The pattern check also keeps ids such as "../x" from naming folders outside the store.
    if (id == null || !ID.matcher(id).matches() || !ids().contains(id)) {
      List<String> known = ids();
      throw new LockstepException(
          ErrorCode.BACKUP_UNKNOWN,
          "There is no backup '"
              + id
              + "' in "
              + root
              + ". "
              + (known.isEmpty()
                  ? "That folder holds no backups; take one with: lockstep backup create."
                  : "Known backups: " + String.join(", ", known) + "."));
    }
    Path file = folder(id).resolve(MANIFEST);
    try {
      return Json.read(file, BackupManifest.class);
    } catch (IOException e) {
      throw new LockstepException(
          ErrorCode.BACKUP_TAMPERED,
          "The manifest "
              + file
              + " cannot be read ("
              + e.getMessage()
              + "), so backup "
              + id
              + " cannot be checked and must not be used. Use another backup.",
          e);
    }
  }

  Optional<VerificationResult> verification(String id) {
    Path file = folder(id).resolve(VERIFICATION);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.read(file, VerificationResult.class));
    } catch (IOException e) {
      // An unreadable verification is no proof: the backup counts as not verified.
      return Optional.empty();
    }
  }

  void writeVerification(VerificationResult result) throws IOException {
    SecureFiles.writeString(
        folder(result.backupId()).resolve(VERIFICATION), Json.write(result) + "\n");
  }
}
