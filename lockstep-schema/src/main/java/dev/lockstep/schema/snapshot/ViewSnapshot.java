package dev.lockstep.schema.snapshot;

import java.util.Comparator;
import java.util.List;

/**
 * A view or materialized view.
 *
 * @param definition the query, as {@code pg_get_viewdef} prints it
 * @param columns the columns it returns, in order: what a reader of the view relies on
 * @param triggers its triggers ({@code INSTEAD OF} ones make a view writable), by name
 */
public record ViewSnapshot(
    long oid,
    String schema,
    String name,
    boolean materialized,
    String definition,
    List<ViewColumn> columns,
    List<TriggerSnapshot> triggers) {

  public ViewSnapshot {
    columns = columns == null ? List.of() : List.copyOf(columns);
    triggers = Sorted.by(triggers, Comparator.comparing(TriggerSnapshot::name));
  }

  public String qualifiedName() {
    return schema + "." + name;
  }

  public String kindWords() {
    return materialized ? "materialized view" : "view";
  }

  /** One column a view returns. */
  public record ViewColumn(String name, String type) {}
}
