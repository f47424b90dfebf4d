package dev.lockstep.postgres.backup;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/** A finished restore: the database now holds exactly {@link #tableRows} rows per table. */
public record RestoreResult(
    String backupId, String database, Duration duration, Map<String, Long> tableRows) {

  public RestoreResult {
    tableRows = Collections.unmodifiableMap(new TreeMap<>(tableRows));
  }
}
