package dev.lockstep.schema.lint;

import dev.lockstep.schema.sql.StatementPart;

/** A group of related lint rules, applied to each parsed part of each statement. */
interface Check {
  /** Reports what {@code part} does wrong, given what the script did before it. */
  void check(StatementPart part, ScriptState state, Findings findings);
}
