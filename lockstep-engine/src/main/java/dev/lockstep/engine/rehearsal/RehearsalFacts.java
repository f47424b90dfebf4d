package dev.lockstep.engine.rehearsal;

/** The facts a rehearsal journals as it goes; its report is rebuilt from them. */
final class RehearsalFacts {
  static final String BACKUP = "rehearsal.backup";
  static final String TABLES = "rehearsal.tables";
  static final String MIGRATING = "rehearsal.migrating";
  static final String APPLIED = "rehearsal.applied";
  static final String MIGRATION_TIME = "rehearsal.migrationTime";
  static final String MEASURED = "rehearsal.measured";
  static final String CHANGES = "rehearsal.changes";
  static final String CHECKS = "rehearsal.checks";

  private RehearsalFacts() {}
}
