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
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    MigrationRunner runner =
        new MigrationRunner(scratch.scratch(), scratch.tools().config().migrations());
    List<AppliedMigration> applied = new ArrayList<>();
    Duration took = Duration.ZERO;
    if (!scratch.target().afterRollout().isEmpty()) {
      // As a rolling upgrade applies them: the part before the first node, measured on its own.
      MigrationResult first = runner.migrateBeforeRollout(scratch.target());
      SchemaDiff beforeRollout = SchemaDiffer.diff(before, SchemaRecords.live(scratch.scratch()));
      facts.putAtStepEnd(RehearsalFacts.MEASURED_BEFORE_ROLLOUT, beforeRollout.type().name());
      facts.putJsonAtStepEnd(RehearsalFacts.CHANGES_BEFORE_ROLLOUT, beforeRollout.changes());
      applied.addAll(first.applied());
      took = first.duration();
    }
    MigrationResult rest = runner.migrate(scratch.target());
    applied.addAll(rest.applied());
    Duration migrationTime = took.plus(rest.duration());
    SchemaDiff diff = SchemaDiffer.diff(before, SchemaRecords.live(scratch.scratch()));
    facts.putJsonAtStepEnd(
        RehearsalFacts.APPLIED, applied.stream().map(AppliedMigration::version).toList());
    facts.putAtStepEnd(RehearsalFacts.MIGRATION_TIME, migrationTime.toString());
    facts.putAtStepEnd(RehearsalFacts.MEASURED, diff.type().name());
    facts.putJsonAtStepEnd(RehearsalFacts.CHANGES, diff.changes());
    return applied.size()
        + " migration(s) in "
        + Durations.format(migrationTime)
        + "; measured "
        + diff.type().label();
  }
}
