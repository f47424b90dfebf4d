package dev.lockstep.backup;

/**
 * One stored file of a backup set. When the set is encrypted, {@code size} and {@code sha256} are
 * of the encrypted bytes, so they can be checked without the key.
 *
 * @param path relative to the set's folder, with {@code /} between names
 */
public record BackupFile(String path, long size, String sha256) {}
