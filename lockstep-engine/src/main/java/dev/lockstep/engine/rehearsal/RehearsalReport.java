package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.core.report.CheckResult;
import dev.lockstep.schema.diff.SchemaChange;
import java.time.Duration;
import java.util.List;

/**
 * What a rehearsal proved: the new release's migrations on a restored copy of production, timed,
 * their schema change measured, and the installed release's checks run against the result.
 *
 * @param backupId the verified backup the scratch copy was restored from
 * @param tables the sizes of the largest tables, which drive the migration time
 * @param migrationTime how long the migrations took on the copy: the predicted migration downtime
 * @param forwardCompatible whether the installed release passed its checks on the migrated copy
 */
public record RehearsalReport(
    String runId,
    String from,
    String to,
    String backupId,
    String scratchDatabase,
    List<TableSize> tables,
    List<String> migrationsApplied,
    Duration migrationTime,
    MigrationClass measured,
    List<SchemaChange> changes,
    List<CheckResult> checks,
    boolean forwardCompatible,
    Duration took) {

  /** One table and its size on disk, indexes included. */
  public record TableSize(String table, long bytes, long rows) {}
}
