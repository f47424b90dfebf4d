package dev.lockstep.engine.release;

import dev.lockstep.core.manifest.MigrationClass;
import dev.lockstep.schema.lint.LintFinding;
import dev.lockstep.schema.lint.ReadClass;
import java.util.List;

/** A migration's verdict from what lint read or saw, against the class its manifest declares. */
final class Verdicts {
  private Verdicts() {}

  /** Only read: a certain break decides, and what reading cannot tell stays undecided. */
  static MigrationLint read(
      String script, MigrationClass declared, ReadClass read, List<LintFinding> findings) {
    LintVerdict verdict;
    if (declared == MigrationClass.CONTRACT) {
      verdict = LintVerdict.HOLDS;
    } else if (read.type() == MigrationClass.CONTRACT) {
      verdict = LintVerdict.MISCLASSIFIED;
    } else if (!read.decided()) {
      verdict = LintVerdict.UNDECIDED;
    } else {
      verdict = LintVerdict.HOLDS;
    }
    return new MigrationLint(
        script, declared, null, read.type(), verdict, List.of(), findings, read.undecided(), null);
  }

  /**
   * Run: a migration that fails is an error whatever its class; otherwise the measured class
   * decides, since it saw what the migration really did.
   */
  static MigrationLint observed(
      String script, MigrationClass declared, ScriptObservation seen, String thisRelease) {
    LintVerdict verdict;
    if (seen.failed()) {
      verdict = LintVerdict.FAILED;
    } else if (seen.measured() == MigrationClass.CONTRACT && declared != MigrationClass.CONTRACT) {
      verdict = LintVerdict.MISCLASSIFIED;
    } else {
      verdict = LintVerdict.HOLDS;
    }
    String observedWith = seen.release().equals(thisRelease) ? null : seen.release();
    return new MigrationLint(
        script,
        declared,
        seen.measured(),
        null,
        verdict,
        seen.changes(),
        seen.findings(),
        List.of(),
        observedWith);
  }

  /** After a failed migration: what reading it says, but it never ran. */
  static MigrationLint notRun(String script, MigrationClass declared, List<LintFinding> findings) {
    return new MigrationLint(
        script, declared, null, null, LintVerdict.NOT_RUN, List.of(), findings, List.of(), null);
  }
}
