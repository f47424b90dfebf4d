package dev.lockstep.core.plan;

/**
 * How a run is undone, decided from what it has done: whether services were touched and which class
 * of migration was applied. The same rules decide the plan's forecast and the real rollback.
 */
public enum RollbackStrategy {
  /** No service or data was touched. */
  NOTHING_TO_UNDO,
  /** A first install: there is no previous release, so the new services are stopped. */
  STOP_SERVICES,
  /** No migration ran: the previous release is redeployed as it was. */
  REVERT_SERVICES,
  /**
   * Only expand migrations ran: the previous release is redeployed on the new schema and must pass
   * its checks there; if it does not, the backup is restored.
   */
  REVERT_SERVICES_ON_NEW_SCHEMA,
  /** A contract migration ran: the previous release cannot run on this schema. */
  RESTORE_BACKUP;

  /** One line for plans and reports. */
  public String describe(String previousRelease) {
    return switch (this) {
      case NOTHING_TO_UNDO -> "nothing to undo (no service or data touched yet)";
      case STOP_SERVICES -> "stop the services (no release was installed before)";
      case REVERT_SERVICES -> "revert the services to " + previousRelease;
      case REVERT_SERVICES_ON_NEW_SCHEMA ->
          "revert the services to "
              + previousRelease
              + " on the expanded schema and run its checks (restore the backup if they fail)";
      case RESTORE_BACKUP ->
          "stop the services, restore this run's verified backup, redeploy " + previousRelease;
    };
  }

  /**
   * One line for a rollback that has restored: says what it was actually restored from ({@code
   * restoredFrom}: "snapshot swap", "backup ID" or both), not what the plan foresaw.
   */
  public String describeDone(String previousRelease, String restoredFrom) {
    if (restoredFrom == null || restoredFrom.isBlank()) {
      return describe(previousRelease);
    }
    String how =
        restoredFrom.startsWith("snapshot swap")
            ? "swap the database snapshot back in"
                + restoredFrom.substring("snapshot swap".length()).replace(" and ", ", restore ")
            : "restore " + restoredFrom;
    return "stop the services, " + how + ", redeploy " + previousRelease;
  }

  /** True when this rollback rewinds the database, losing writes made since the backup. */
  public boolean restoresData() {
    return this == RESTORE_BACKUP;
  }
}
