package dev.lockstep.schema.snapshot;

import java.util.List;

/**
 * An index of a table.
 *
 * @param columns the key columns in order, {@code (expression)} for a key that is an expression
 * @param definition as {@code pg_get_indexdef} prints it
 * @param valid false after a {@code CREATE INDEX CONCURRENTLY} that failed: the index is kept up to
 *     date but never used
 * @param constraint the primary key, unique or exclusion constraint it enforces, or null
 */
public record IndexSnapshot(
    long oid,
    String name,
    List<String> columns,
    String definition,
    boolean unique,
    boolean primary,
    boolean valid,
    String constraint) {

  public static final String EXPRESSION = "(expression)";

  public IndexSnapshot {
    columns = columns == null ? List.of() : List.copyOf(columns);
  }
}
