package dev.lockstep.engine.release;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.lint.LintFinding;
import java.util.List;

/**
 * What running one migration on the throwaway server showed, kept so that a later release whose
 * migrations start with the same ones reuses it instead of running them again.
 *
 * @param measured the class of the schema change it made
 * @param failed whether a statement failed, which ended the migration
 * @param release the version of the release it was run for
 */
record ScriptObservation(
    MigrationClass measured,
    List<SchemaChange> changes,
    List<LintFinding> findings,
    boolean failed,
    String release) {}
