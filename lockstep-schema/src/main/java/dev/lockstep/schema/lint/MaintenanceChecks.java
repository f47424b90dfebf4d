package dev.lockstep.schema.lint;

import dev.lockstep.schema.observe.LockMode;
import dev.lockstep.schema.sql.Command;
import dev.lockstep.schema.sql.StatementPart;

/** Maintenance commands and explicit locks that block a whole table. */
final class MaintenanceChecks implements Check {

  @Override
  public void check(StatementPart part, ScriptState state, Findings findings) {
    Command command = part.command();
    if (command == null || state.isNew(command.target())) {
      return;
    }
    switch (command.kind()) {
      case VACUUM_FULL ->
          findings.add(
              LintRule.VACUUM_FULL,
              "VACUUM FULL "
                  + (command.target() == null ? "(every table)" : command.target())
                  + " rewrites the table under an ACCESS EXCLUSIVE lock: every read and write waits"
                  + " until it is done.");
      case CLUSTER ->
          findings.add(
              LintRule.CLUSTER,
              "CLUSTER "
                  + (command.target() == null ? "(every clustered table)" : command.target())
                  + " rewrites the table in index order under an ACCESS EXCLUSIVE lock: every read"
                  + " and write waits until it is done.");
      case LOCK_TABLE -> {
        LockMode mode = mode(command.detail());
        if (mode.blocksWrites()) {
          findings.add(
              LintRule.LOCK_TABLE,
              "LOCK TABLE "
                  + command.target()
                  + " IN "
                  + command.detail()
                  + " MODE blocks every write"
                  + (mode.blocksReads() ? " and read" : "")
                  + " of the table until the migration's transaction ends.");
        }
      }
      default -> {}
    }
  }

  private static LockMode mode(String words) {
    try {
      return LockMode.valueOf(words.replace(' ', '_'));
    } catch (IllegalArgumentException e) {
      return LockMode.ACCESS_EXCLUSIVE;
    }
  }
}
