package dev.lockstep.cli.output;

import dev.lockstep.engine.KeptDatabases;
import java.util.List;

/** {@code lockstep kept list|drop} as text. */
public final class KeptText {
  private KeptText() {}

  public static String list(List<KeptDatabases.Entry> kept) {
    if (kept.isEmpty()) {
      return "No kept databases: no rollback has replaced a database, or every one was dropped.";
    }
    StringBuilder text = new StringBuilder();
    for (KeptDatabases.Entry entry : kept) {
      text.append(entry.database().kept())
          .append("  store ")
          .append(entry.database().store())
          .append(", replaced ")
          .append(entry.database().database())
          .append(" at ")
          .append(entry.database().keptAt())
          .append(" (run ")
          .append(entry.runId())
          .append(", restored from ")
          .append(entry.database().restoredFrom())
          .append(")")
          .append(entry.present() ? "" : " — not on the server: the rollback never renamed it")
          .append('\n');
    }
    text.append(
        "Each holds what its database held before the rollback restored it. Read it with"
            + " `psql -d NAME`; drop it with `lockstep kept drop NAME`.");
    return text.toString();
  }

  public static String dropped(KeptDatabases.Entry entry) {
    return "Dropped database "
        + entry.database().kept()
        + " (kept by run "
        + entry.runId()
        + " for store "
        + entry.database().store()
        + ").";
  }
}
