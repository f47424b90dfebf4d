package dev.lockstep.cli.output;

import dev.lockstep.core.report.KeptDatabase;
import dev.lockstep.core.report.RollbackReport;
import java.util.List;

/**
 * The rollback part of a run's report: what was done, why (what was seen apart from what was
 * concluded), the data-loss window, and where the failed release's data was kept.
 */
public final class RollbackText {
  private RollbackText() {}

  static void append(StringBuilder text, RollbackReport rollback) {
    text.append("  rollback: ").append(rollback.description()).append('\n');
    reasons(text, rollback.reason(), rollback.proven(), rollback.inferred());
    if (rollback.restoredFrom() != null) {
      text.append("    restored from: ").append(rollback.restoredFrom()).append('\n');
    }
    if (rollback.dataLossWindow() != null) {
      text.append("    data-loss window: ")
          .append(RunReportText.format(rollback.dataLossWindow()))
          .append(" (writes between the backup and the restore are lost from the live database)\n");
    }
    if (rollback.duration() != null) {
      text.append("    took ").append(RunReportText.format(rollback.duration())).append('\n');
    }
    kept(text, rollback.kept(), "    ");
  }

  /** The reasons, proven ones first; the one-line reason when the two were not recorded apart. */
  static void reasons(
      StringBuilder text, String reason, List<String> proven, List<String> inferred) {
    if (proven.isEmpty() && inferred.isEmpty()) {
      text.append("    why: ").append(Fold.wrap(reason, 100, "         ")).append('\n');
      return;
    }
    proven.forEach(line -> text.append("    proven: ").append(line).append('\n'));
    inferred.forEach(line -> text.append("    inferred: ").append(line).append('\n'));
  }

  /** psql's options for the kept database: the server's host and port, and its name. */
  static String psqlTarget(KeptDatabase database) {
    String server = database.server();
    int colon = server.lastIndexOf(':');
    return (colon < 0
            ? ""
            : "-h " + server.substring(0, colon) + " -p " + server.substring(colon + 1) + " ")
        + "-d "
        + database.kept();
  }

  /** Each kept database, with how to read what it holds and how to drop it. */
  public static void kept(StringBuilder text, List<KeptDatabase> kept, String indent) {
    for (KeptDatabase database : kept) {
      text.append(indent)
          .append("kept: database ")
          .append(database.kept())
          .append(" on ")
          .append(database.server())
          .append(" holds what ")
          .append(database.database())
          .append(" held before the restore (store ")
          .append(database.store())
          .append(")\n")
          .append(indent)
          .append("  read it: psql ")
          .append(psqlTarget(database))
          .append("; drop it when done: lockstep kept drop ")
          .append(database.kept())
          .append('\n');
    }
  }
}
