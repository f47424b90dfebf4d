package dev.lockstep.history;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What Flyway considers applied, replayed from its rows in order: successful migrations, minus
 * those a later {@code DELETE} row (written by {@code flyway repair} for a migration that vanished)
 * or undo row takes back, plus everything up to the latest baseline.
 */
final class FlywayApplied {
  private final Map<String, HistoryEntry> applied;
  private final List<BigInteger> baseline;

  private FlywayApplied(Map<String, HistoryEntry> applied, List<BigInteger> baseline) {
    this.applied = applied;
    this.baseline = baseline;
  }

  static FlywayApplied of(List<HistoryEntry> entries) {
    Map<String, HistoryEntry> applied = new LinkedHashMap<>();
    List<BigInteger> baseline = null;
    for (HistoryEntry entry : entries) {
      String type = FlywayLayoutReader.type(entry);
      String key = MigrationIds.key(entry.id());
      if (type.equals("DELETE") || type.startsWith("UNDO")) {
        applied.remove(key);
      } else if (entry.success()) {
        applied.put(key, entry);
        if (type.equals("BASELINE")) {
          baseline = MigrationIds.version(entry.id()).orElse(baseline);
        }
      }
    }
    return new FlywayApplied(applied, baseline);
  }

  PendingMigrations against(List<String> shipped) {
    Set<String> shippedKeys = shipped.stream().map(MigrationIds::key).collect(Collectors.toSet());
    return PendingCalculator.result(
        List.copyOf(applied.values()),
        shipped,
        this::covers,
        // A baseline row stands for the schema Flyway was adopted on, not a script the release
        // must ship.
        e ->
            FlywayLayoutReader.type(e).equals("BASELINE")
                || shippedKeys.contains(MigrationIds.key(e.id())));
  }

  private boolean covers(String shippedId) {
    if (applied.containsKey(MigrationIds.key(shippedId))) {
      return true;
    }
    Optional<List<BigInteger>> version = MigrationIds.version(shippedId);
    return baseline != null
        && version.isPresent()
        && MigrationIds.compare(version.get(), baseline) <= 0;
  }
}
