package dev.lockstep.history;

import java.util.List;

/**
 * A release's migrations against a database's history.
 *
 * @param applied the entries that count as applied, in the order they were applied
 * @param pending the ids the release ships that are not applied, in the release's order
 * @param unknown the applied ids the release does not ship (applied by a newer release, or by hand)
 */
public record PendingMigrations(
    List<HistoryEntry> applied, List<String> pending, List<String> unknown) {

  public PendingMigrations {
    applied = List.copyOf(applied);
    pending = List.copyOf(pending);
    unknown = List.copyOf(unknown);
  }
}
