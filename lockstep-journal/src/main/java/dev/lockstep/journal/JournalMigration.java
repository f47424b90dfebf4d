package dev.lockstep.journal;

import java.util.List;

/**
 * One step of the journal's own format, from version {@code from} to {@code from + 1}: the
 * statements run in one transaction together with the version bump, so a journal is always at one
 * version or the next, never in between.
 *
 * @param description what the version adds, for whoever reads the list
 */
record JournalMigration(int from, int to, String description, List<String> statements) {
  JournalMigration {
    if (to != from + 1) {
      throw new IllegalArgumentException(
          "a journal migration goes one version up, not " + from + " -> " + to);
    }
    statements = List.copyOf(statements);
  }
}
