package dev.lockstep.postgres.dump;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A finished dump and what its snapshot held.
 *
 * @param serverVersion such as {@code 15.18}
 * @param databaseBytes {@code pg_database_size} when the dump started
 * @param tables every user table, keyed {@code schema.table}, sorted
 */
public record DumpResult(
    String serverVersion, long databaseBytes, Map<String, TableFingerprint> tables) {

  public DumpResult {
    tables = Collections.unmodifiableMap(new TreeMap<>(tables));
  }
}
