package dev.lockstep.schema.lint;

/** How bad a finding is. */
public enum Severity {
  /** Worth knowing; nothing is blocked or broken. */
  INFO,
  /** Blocks reads or writes, or rewrites a table, for as long as the statement runs. */
  WARNING,
  /** Breaks the previous release, or fails outright. */
  ERROR
}
