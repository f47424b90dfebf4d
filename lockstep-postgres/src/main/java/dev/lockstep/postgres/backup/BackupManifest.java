package dev.lockstep.postgres.backup;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code manifest.json} of one backup: where it came from, every file with its sha256, and the row
 * count of every table taken in the same snapshot as the dump.
 *
 * @param runId the upgrade run that took it, or null
 * @param release the release running when it was taken, or null
 * @param format {@code custom} or {@code directory}
 * @param totalBytes the size of all files in {@link #files}
 * @param tableRows rows per table, keyed {@code schema.table}
 */
public record BackupManifest(
    String id,
    Instant createdAt,
    String runId,
    String release,
    String database,
    String host,
    int port,
    String serverVersion,
    String format,
    long totalBytes,
    List<BackupFile> files,
    Map<String, Long> tableRows) {

  public static final String CUSTOM = "custom";
  public static final String DIRECTORY = "directory";

  public BackupManifest {
    files = files == null ? List.of() : List.copyOf(files);
    tableRows =
        Collections.unmodifiableMap(tableRows == null ? new TreeMap<>() : new TreeMap<>(tableRows));
  }

  public boolean isDirectoryFormat() {
    return DIRECTORY.equals(format);
  }
}
