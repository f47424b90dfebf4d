package dev.lockstep.history;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A release manifest's {@code baseline}: the last migration of the history from before the
 * migrations the manifest lists. Recorded migrations at or before it are that history, not unknown
 * ones. "At or before" is by the history's own order when the table records the baseline; when it
 * does not, by the ids: versions by number, ids that start with a timestamp by text.
 */
final class Baseline {
  private Baseline() {}

  /** Of the {@code unknown} ids, those after {@code baseline} (all of them when it is null). */
  static List<String> after(MigrationHistory history, List<String> unknown, String baseline) {
    if (baseline == null || baseline.isBlank() || unknown.isEmpty()) {
      return unknown;
    }
    List<HistoryEntry> recorded = history.applied();
    int position = -1;
    for (int i = 0; i < recorded.size(); i++) {
      if (same(history.format(), recorded.get(i).id(), baseline)) {
        position = i;
      }
    }
    List<String> before = new ArrayList<>();
    for (int i = 0; i <= position; i++) {
      before.add(recorded.get(i).id());
    }
    List<String> after = new ArrayList<>();
    for (String id : unknown) {
      boolean covered = before.contains(id) || (position < 0 && atOrBefore(id, baseline));
      if (!covered) {
        after.add(id);
      }
    }
    return after;
  }

  private static boolean same(HistoryFormat format, String recorded, String baseline) {
    if (recorded.equals(baseline)
        || MigrationIds.key(recorded).equals(MigrationIds.key(baseline))) {
      return true;
    }
    return format == HistoryFormat.LIQUIBASE
        && !baseline.contains(LiquibaseReader.SEPARATOR)
        && PendingCalculator.changesetId(recorded).equals(baseline);
  }

  private static boolean atOrBefore(String id, String baseline) {
    Optional<List<java.math.BigInteger>> version = MigrationIds.version(id);
    Optional<List<java.math.BigInteger>> base = MigrationIds.version(baseline);
    if (version.isPresent() && base.isPresent()) {
      return MigrationIds.compare(version.get(), base.get()) <= 0;
    }
    if (startsWithDigit(id) && startsWithDigit(baseline)) {
      return id.compareTo(baseline) <= 0;
    }
    return false;
  }

  private static boolean startsWithDigit(String id) {
    return !id.isEmpty() && Character.isDigit(id.charAt(0));
  }
}
