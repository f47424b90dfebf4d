package dev.lockstep.engine.release;

/**
 * What lint concluded about a migration's declared class, best first: a release's verdict is its
 * worst migration's, and an invocation's its worst release's.
 */
public enum LintVerdict {
  /** The declared class is right, as far as it matters: contract is always a safe declaration. */
  HOLDS,
  /**
   * Declared expand, and reading it cannot tell whether it breaks the previous release; {@code
   * --observe} decides.
   */
  UNDECIDED,
  /** Not run: a migration before it failed, so it never met the schema it expects. */
  NOT_RUN,
  /** Declared expand, but it breaks the previous release. */
  MISCLASSIFIED,
  /** It fails on the schema it expects: it cannot run, whatever its class. */
  FAILED;

  public LintVerdict worse(LintVerdict other) {
    return other.compareTo(this) > 0 ? other : this;
  }

  /**
   * 0 when every class holds and everything was decided; 1 otherwise, including undecided: an exit
   * code of 0 promises that every class holds, which lint cannot promise for what it only read.
   */
  public int exitCode() {
    return this == HOLDS ? 0 : 1;
  }
}
