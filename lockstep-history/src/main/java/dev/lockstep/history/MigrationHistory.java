package dev.lockstep.history;

import java.util.List;

/**
 * What one tool's history table says.
 *
 * @param table the schema-qualified table, such as {@code public.flyway_schema_history}
 * @param applied the recorded migrations in the order they were applied (failed ones included, with
 *     {@code success = false}); empty when the table does not exist yet
 * @param dirty what blocks the tool's next run; empty when nothing does
 */
public record MigrationHistory(
    HistoryFormat format, String table, List<HistoryEntry> applied, List<DirtyState> dirty) {

  public MigrationHistory {
    applied = List.copyOf(applied);
    dirty = List.copyOf(dirty);
  }
}
