package dev.lockstep.engine.release;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.diff.SchemaChange;
import dev.lockstep.schema.lint.LintFinding;
import dev.lockstep.schema.lint.UndecidedStatement;
import java.util.List;

/**
 * What linting found in one migration of a release.
 *
 * @param measured the class of the schema change the migration made on a throwaway database, or
 *     null when it was only read, not run
 * @param read the class reading it tells without running it, or null when reading cannot tell (see
 *     {@code undecided}) or it was run
 * @param changes the schema changes it made, with the reason for each one's class
 * @param undecided when it was only read: the statements whose effect on the previous release
 *     reading cannot tell, each with what it depends on
 * @param observedWith the release during whose observation this migration was run, when this
 *     release reused that run (same file, same migrations before it); null when it ran for this one
 *     or was not run
 */
public record MigrationLint(
    String script,
    MigrationClass declared,
    MigrationClass measured,
    MigrationClass read,
    LintVerdict verdict,
    List<SchemaChange> changes,
    List<LintFinding> findings,
    List<UndecidedStatement> undecided,
    String observedWith) {

  public MigrationLint {
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    undecided = List.copyOf(undecided);
  }

  /** The manifest calls it expand, but it breaks the previous release. */
  public boolean misclassified() {
    return verdict == LintVerdict.MISCLASSIFIED;
  }
}
