package dev.lockstep.engine.rehearsal;

import dev.lockstep.core.yaml.Durations;
import dev.lockstep.engine.schema.SchemaRecords;
import dev.lockstep.engine.steps.AbstractStep;
import dev.lockstep.engine.steps.RunFacts;
import dev.lockstep.postgres.migrate.AppliedMigration;
import dev.lockstep.postgres.migrate.MigrationResult;
import dev.lockstep.postgres.migrate.MigrationRunner;
import dev.lockstep.schema.diff.SchemaDiff;
import dev.lockstep.schema.diff.SchemaDiffer;
import dev.lockstep.schema.snapshot.SchemaSnapshot;

/**
 * Applies the rehearsed release's migrations to the scratch copy, timed: the predicted migration
 * downtime. A repeat after a crash starts again from a fresh restore, so that the time is true.
 */
final class MigrateScratchStep extends AbstractStep {
  static final String NAME = "migrate-scratch";

  private final ScratchContext scratch;

  MigrateScratchStep(ScratchContext scratch) {
    super(NAME, "Apply " + scratch.target().version() + "'s migrations to the scratch copy, timed");
    this.scratch = scratch;
  }

  @Override
  public String run(RunFacts facts) {
    if (facts.get(RehearsalFacts.MIGRATING).isPresent()) {
      ScratchRestore.restore(scratch, facts);
    }
    facts.put(RehearsalFacts.MIGRATING, scratch.tools().clock().instant().toString());
    SchemaSnapshot before = SchemaRecords.live(scratch.scratch());
    MigrationResult migrated =
        new MigrationRunner(scratch.scratch(), scratch.tools().config().migrations())
            .migrate(scratch.target());
    SchemaDiff diff = SchemaDiffer.diff(before, SchemaRecords.live(scratch.scratch()));
    facts.putJsonAtStepEnd(
        RehearsalFacts.APPLIED,
        migrated.applied().stream().map(AppliedMigration::version).toList());
    facts.putAtStepEnd(RehearsalFacts.MIGRATION_TIME, migrated.duration().toString());
    facts.putAtStepEnd(RehearsalFacts.MEASURED, diff.type().name());
    facts.putJsonAtStepEnd(RehearsalFacts.CHANGES, diff.changes());
    return migrated.applied().size()
        + " migration(s) in "
        + Durations.format(migrated.duration())
        + "; measured "
        + diff.type().label();
  }
}
