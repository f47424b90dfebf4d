package dev.lockstep.backup;

import dev.lockstep.backup.crypto.Encryption;
import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.api.Secret;
import dev.lockstep.core.config.EncryptionKey;
import dev.lockstep.core.io.SecureFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The configured backup key, and which sets it can read. An encrypted set keeps {@code
 * encryption.json} (the algorithm and a key check, never the key), so that a wrong key is named as
 * such instead of surfacing as a decryption error halfway through a restore.
 */
final class SetEncryption {
  private final Encryption configured;

  /**
   * @param key the configured key, or null when backups are not encrypted
   */
  SetEncryption(Secret key) {
    if (key == null || key.isEmpty()) {
      this.configured = null;
      return;
    }
    byte[] bytes =
        EncryptionKey.decode(key.reveal())
            .orElseThrow(
                () ->
                    new LockstepException(
                        ErrorCode.CONFIG_INVALID,
                        "backup.encryption.key is not a 256-bit key. Fix: generate one with"
                            + " `openssl rand -base64 32` (or write 64 hex digits)."));
    this.configured = Encryption.withKey(bytes);
  }

  /** The encryption new sets are written with; null when they are not encrypted. */
  Encryption forWriting() {
    return configured;
  }

  void record(Path setFolder) throws IOException {
    if (configured != null) {
      SecureFiles.writeString(
          setFolder.resolve(SetLayout.ENCRYPTION),
          EncryptionFile.write(Encryption.ALGORITHM, configured.keyCheck()));
    }
  }

  /**
   * The encryption set {@code set} is read with: none when it is not encrypted, the configured key
   * when it is the one the set was written with. Call after the checksums passed: then a file that
   * cannot be decrypted proves the key wrong.
   *
   * @throws LockstepException CONFIG_INVALID when there is no key, or another one
   */
  Encryption forReading(BackupSet set, Path setFolder) {
    if (!set.encrypted()) {
      return null;
    }
    if (configured == null) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "Backup "
              + set.id()
              + " is encrypted, and no backup.encryption.key is configured. Fix: set"
              + " backup.encryption.key to the key that was configured when it was taken ("
              + set.createdAt()
              + ").");
    }
    if (!matches(set, setFolder)) {
      throw new LockstepException(
          ErrorCode.CONFIG_INVALID,
          "The configured backup.encryption.key is not the key backup "
              + set.id()
              + " was written with, so it cannot be decrypted. Fix: set backup.encryption.key to"
              + " the key that was configured when it was taken ("
              + set.createdAt()
              + ").");
    }
    return configured;
  }

  private static void knownAlgorithm(BackupSet set, EncryptionFile record) {
    if (record.algorithm() != null && !record.algorithm().equals(Encryption.ALGORITHM)) {
      throw new LockstepException(
          ErrorCode.BACKUP_UNKNOWN,
          "Backup "
              + set.id()
              + " is encrypted with "
              + record.algorithm()
              + ", which this Lockstep cannot decrypt (it knows "
              + Encryption.ALGORITHM
              + "). Fix: use the Lockstep release that took it, or a later one.");
    }
  }

  private boolean matches(BackupSet set, Path setFolder) {
    Path file = setFolder.resolve(SetLayout.ENCRYPTION);
    if (Files.isRegularFile(file)) {
      try {
        EncryptionFile record = EncryptionFile.read(file);
        knownAlgorithm(set, record);
        return configured.keyCheck().equals(record.keyCheck());
      } catch (IOException e) {
        // Unreadable: decide by decrypting, below.
      }
    }
    BackupFile first =
        set.parts().stream().flatMap(p -> p.files().stream()).findFirst().orElse(null);
    if (first == null) {
      return true;
    }
    try (InputStream in =
        configured.decrypt(Files.newInputStream(setFolder.resolve(first.path())), first.path())) {
      in.read();
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
