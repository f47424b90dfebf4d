package dev.lockstep.schema.snapshot;

import java.util.List;

/**
 * A trigger of a table or view, as the product defined it (not those PostgreSQL makes for foreign
 * keys, nor a partition's copies of its parent's triggers).
 *
 * @param oid the catalog id; a trigger keeps it when renamed
 * @param events what fires it, in the order {@code INSERT}, {@code UPDATE}, {@code DELETE}, {@code
 *     TRUNCATE}
 * @param updateColumns for {@code UPDATE OF a, b}, those columns; empty when any update fires it
 * @param forEachRow {@code FOR EACH ROW}; false for {@code FOR EACH STATEMENT}
 * @param constraint whether it is a {@code CONSTRAINT TRIGGER}, which exists to refuse writes
 * @param function what it runs, as {@link FunctionSnapshot#signature()} names it
 * @param when the condition of its {@code WHEN (…)} clause, or null
 * @param definition as {@code pg_get_triggerdef} prints it
 */
public record TriggerSnapshot(
    long oid,
    String name,
    Timing timing,
    List<String> events,
    List<String> updateColumns,
    boolean forEachRow,
    Enabled enabled,
    boolean constraint,
    String function,
    String when,
    String definition) {

  public TriggerSnapshot {
    events = events == null ? List.of() : List.copyOf(events);
    updateColumns = updateColumns == null ? List.of() : List.copyOf(updateColumns);
    enabled = enabled == null ? Enabled.ORIGIN : enabled;
  }

  /** Whether it fires for the writes of an application's ordinary sessions. */
  public boolean fires() {
    return enabled == Enabled.ORIGIN || enabled == Enabled.ALWAYS;
  }

  /** {@code BEFORE INSERT OR UPDATE row trigger t}: how a reason names it. */
  public String words() {
    return timing.words()
        + " "
        + String.join(" OR ", events)
        + (updateColumns.isEmpty() ? "" : " OF " + String.join(", ", updateColumns))
        + (forEachRow ? " row" : " statement")
        + (constraint ? " constraint trigger " : " trigger ")
        + name;
  }

  /** When it fires relative to the write. */
  public enum Timing {
    BEFORE("BEFORE"),
    AFTER("AFTER"),
    INSTEAD_OF("INSTEAD OF");

    private final String words;

    Timing(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }

  /** {@code ALTER TABLE … ENABLE | DISABLE [REPLICA | ALWAYS] TRIGGER}. */
  public enum Enabled {
    /** Fires in ordinary sessions (the default). */
    ORIGIN("enabled"),
    /** Fires in every session, replication ones too. */
    ALWAYS("enabled always"),
    /** Only fires in sessions that apply replicated changes. */
    REPLICA("enabled for replication only"),
    DISABLED("disabled");

    private final String words;

    Enabled(String words) {
      this.words = words;
    }

    public String words() {
      return words;
    }
  }
}
