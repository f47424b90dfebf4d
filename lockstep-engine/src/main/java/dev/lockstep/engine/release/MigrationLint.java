package dev.lockstep.engine.release;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.lint.LintFinding;
import java.util.List;

/**
 * What linting found in one migration of a release.
 *
 * @param measured the class of the schema change the migration made on a scratch database, or null
 *     when it was only read, not run
 * @param changes the schema changes it made, with the reason for each one's class
 */
public record MigrationLint(
    String script,
    MigrationClass declared,
    MigrationClass measured,
    List<SchemaChange> changes,
    List<LintFinding> findings) {

  public MigrationLint {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
  }

  /** The manifest calls it expand, but it breaks the previous release. */
  public boolean misclassified() {
    return measured == MigrationClass.CONTRACT && declared != MigrationClass.CONTRACT;
  }
}
