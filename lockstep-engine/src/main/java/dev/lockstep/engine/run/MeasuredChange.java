package dev.lockstep.engine.run;

import dev.lockstep.core.api.LockstepException;
import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import java.util.List;
import java.util.Optional;

/**
 * What a run did to the schema, measured now: the live schema against the one recorded before its
 * migrations. Measured again at decision time, so it holds after a crash in the middle of
 * migrating, and whoever applied the migrations.
 *
 * @param contractReasons why the change breaks the previous release, when it does
 */
public record MeasuredChange(MigrationClass type, boolean changed, List<String> contractReasons) {

  /**
   * The run's measured change, or empty when nothing was recorded or the database cannot be read.
   */
  public static Optional<MeasuredChange> of(SchemaRecords schemas, String runId) {
    try {
      return schemas
          .read(schemas.beforeRun(runId))
          .map(before -> from(SchemaDiffer.diff(before, schemas.live())));
    } catch (LockstepException e) {
      return Optional.empty();
    }
  }

  static MeasuredChange from(SchemaDiff diff) {
    return new MeasuredChange(
        diff.type(),
        diff.hasChanges(),
        diff.contractChanges().stream().map(SchemaChange::reason).toList());
  }
}
