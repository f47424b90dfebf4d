package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.io.SecureFiles;
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
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Where things live in the backups folder: one folder per set, named by its id, written as {@code
 * <id>.partial} until complete, holding {@code manifest.json}, {@code verification.json}, {@code
 * encryption.json} (encrypted sets) and one folder per part. Temporary work (decrypted copies,
 * scratch folders) goes into {@code <id>.<what>-<random>.tmp} beside them: same disk, owner only.
 */
final class SetLayout {
  static final String MANIFEST = "manifest.json";
  static final String VERIFICATION = "verification.json";
  static final String ENCRYPTION = "encryption.json";

  /** Lockstep's own records in a set's folder; not stored files of any part. */
  static final Set<String> OWN_FILES = Set.of(MANIFEST, VERIFICATION, ENCRYPTION);

  private static final String PARTIAL = ".partial";
  static final String TEMPORARY = ".tmp";
  private static final Pattern ID = Pattern.compile("\\d{8}-\\d{6}-[0-9a-f]{4}");
  private static final Pattern STORE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path root;

  SetLayout(Path root) {
    this.root = root;
  }

  Path root() {
    return root;
  }

  /** {@code yyyyMMdd-HHmmss-xxxx}: sorts by time, and the random part keeps ids unique. */
  static String newId(Instant now) {
    return ID_TIME.format(now) + "-" + random(2);
  }

  Path folder(String id) {
    return root.resolve(id);
  }

  Path partialFolder(String id) {
    return root.resolve(id + PARTIAL);
  }

  /**
   * A new, empty, owner-only folder for temporary work on set {@code id}; the caller deletes it.
   */
  Path temporaryFolder(String id, String what) throws IOException {
    SecureFiles.createDirectories(root);
    Path folder = root.resolve(id + "." + what + "-" + random(4) + TEMPORARY);
    SecureFiles.createDirectories(folder);
    return folder;
  }

  /**
   * Deletes what a Lockstep killed midway left behind: partial sets and temporary folders. Callers
   * hold the deployment's state lock, so nothing is being written here now.
   */
  void removeAbandoned() {
    if (!Files.isDirectory(root)) {
      return;
    }
    try (Stream<Path> children = Files.list(root)) {
      children
          .filter(
              path -> {
                String name = path.getFileName().toString();
                return name.endsWith(PARTIAL) || name.endsWith(TEMPORARY);
              })
          .forEach(SecureFiles::deleteTree);
    } catch (IOException e) {
      throw new LockstepException(ErrorCode.BACKUP_FAILED, "Cannot clean up " + root + ": " + e, e);
    }
  }

  /** Ids of complete sets, oldest first; partial folders are not backups. */
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

  BackupSet manifest(String id) {
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
      BackupSet set = BackupManifestFile.read(file);
      checkPaths(set, file);
      return set;
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

  /**
   * Every file of a part must lie in the part's folder: a manifest edited to name files elsewhere
   * must not make a restore read them.
   */
  private static void checkPaths(BackupSet set, Path file) {
    for (BackupPart part : set.parts()) {
      boolean plainName = part.store() != null && STORE.matcher(part.store()).matches();
      for (BackupFile stored : part.files()) {
        String path = stored.path();
        if (!plainName
            || part.kind() == null
            || !path.startsWith(part.folder() + "/")
            || List.of(path.split("/")).contains("..")) {
          throw new LockstepException(
              ErrorCode.BACKUP_TAMPERED,
              "The manifest "
                  + file
                  + " names the file '"
                  + path
                  + "' for store '"
                  + part.store()
                  + "', outside that store's folder: it was edited and the backup must not be"
                  + " used. Use another backup.");
        }
      }
    }
  }

  Optional<VerificationResult> verification(String id) {
    Path file = folder(id).resolve(VERIFICATION);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(VerificationFile.read(file));
    } catch (IOException e) {
      // An unreadable verification is no proof: the set counts as not verified.
      return Optional.empty();
    }
  }

  void writeVerification(VerificationResult result) throws IOException {
    SecureFiles.writeString(
        folder(result.backupId()).resolve(VERIFICATION), VerificationFile.write(result));
  }

  private static String random(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return HexFormat.of().formatHex(random);
  }
}
