package dev.lockstep.backup;

import dev.lockstep.core.api.ErrorCode;
import dev.lockstep.core.io.FileFormat;
import dev.lockstep.core.io.Json;
import java.io.IOException;
import java.nio.file.Path;

/**
 * An encrypted set's {@code encryption.json}: how its files are encrypted and a check of the key,
 * never the key. Version 1 is the shape written before files had versions, with {@code
 * formatVersion} added. The encrypted files' own layout is named by {@code algorithm}.
 *
 * @param algorithm the encryption of every stored file, such as {@code AES256_GCM_HKDF_64KB}
 * @param keyCheck tells whether a key is the one the set was written with, without revealing it
 */
record EncryptionFile(int formatVersion, String algorithm, String keyCheck) {
  static final FileFormat FORMAT =
      new FileFormat("backup encryption record", 1, ErrorCode.BACKUP_UNKNOWN);

  static String write(String algorithm, String keyCheck) {
    return Json.write(new EncryptionFile(FORMAT.current(), algorithm, keyCheck)) + "\n";
  }

  /**
   * @throws IOException when it is not an encryption record
   * @throws dev.lockstep.core.api.BadInputException when a newer Lockstep wrote it
   */
  static EncryptionFile read(Path file) throws IOException {
    return FORMAT.read(file, EncryptionFile.class);
  }
}
