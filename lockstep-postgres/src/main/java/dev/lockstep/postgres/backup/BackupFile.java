package dev.lockstep.postgres.backup;

/**
 * One file of a backup.
 *
 * @param path relative to the backup folder, with {@code /} between names
 */
public record BackupFile(String path, long size, String sha256) {}
