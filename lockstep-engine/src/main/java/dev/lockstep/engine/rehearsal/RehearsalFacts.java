package dev.lockstep.engine.rehearsal;

/**
 * The facts a rehearsal journals as it goes; its report is rebuilt from them, and later plans read
 * what it applied and measured.
 */
public final class RehearsalFacts {
  static final String BACKUP = "rehearsal.backup";
  static final String TABLES = "rehearsal.tables";
  static final String MIGRATING = "rehearsal.migrating";
  public static final String APPLIED = "rehearsal.applied";
  static final String MIGRATION_TIME = "rehearsal.migrationTime";
  public static final String MEASURED = "rehearsal.measured";
  public static final String CHANGES = "rehearsal.changes";

  /**
   * For a release that holds migrations back until after a rolling upgrade's rollout: the class and
   * changes of the migrations applied before it, measured on their own.
   */
  public static final String MEASURED_BEFORE_ROLLOUT = "rehearsal.measuredBeforeRollout";

  public static final String CHANGES_BEFORE_ROLLOUT = "rehearsal.changesBeforeRollout";
  static final String CHECKS = "rehearsal.checks";

  private RehearsalFacts() {}
}
